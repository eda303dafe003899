// The "may import" column of shared ARCHITECTURE.md as data. The lint rule in
// importBoundaries.js reads this table; change the architecture here, not in
// the rule.

/**
 * The renderer's application workflows: React-free code that runs one job of
 * the app (sync, review, publishing, label import, pre-label jobs) over the
 * store, the document model and the host. A new workflow folder goes here.
 */
const rendererWorkflows = ['sync', 'review', 'requester', 'labelImport', 'prelabel', 'intake'];

/** Layer of a repo-relative path (forward slashes), most specific first. */
export const layers = [
  { name: 'electron/common', match: /^electron\/common\// },
  { name: 'electron/services', match: /^electron\/services\// },
  { name: 'electron/main', match: /^electron\/main\// },
  { name: 'electron/preload', match: /^electron\/preload\// },
  { name: 'electron/serve', match: /^electron\/serve\// },
  // Renderer sub-layers (see renderer/README.md). Tests belong to the layer of their folder.
  { name: 'renderer/platform', match: /^renderer\/platform\// },
  { name: 'renderer/document', match: /^renderer\/document\// },
  { name: 'renderer/store', match: /^renderer\/store\// },
  { name: 'renderer/editor', match: /^renderer\/editor\// },
  { name: 'renderer/canvas', match: /^renderer\/canvas\// },
  { name: 'renderer/workflows', match: new RegExp(`^renderer\\/(${rendererWorkflows.join('|')})\\/`) },
  { name: 'renderer/ui', match: /^renderer\/ui\// },
  // The app shell: renderer/App.tsx, renderer/main.tsx wire the layers together.
  { name: 'renderer/shell', match: /^renderer\/[^/]+$/ },
  // A renderer folder not listed above has no layer yet: the rule asks for one.
  { name: 'renderer/unassigned', match: /^renderer\//, unassigned: true },
  { name: 'core', match: /^core\// },
  { name: 'native', match: /^native\// },
  { name: 'models', match: /^models\// },
  // Hub tests drive a real chain (native/chain starts anvil and deploys): a test driver, like e2e.
  { name: 'hub-tests', match: /^hub\/.*\.test\.ts$/ },
  { name: 'hub', match: /^hub\// },
  { name: 'contracts', match: /^contracts\// },
  { name: 'e2e', match: /^e2e\// },
  { name: 'bench', match: /^bench\// },
  { name: 'scripts', match: /^scripts\// },
];

const ANY = '*';

/** Every renderer layer below ui/, which ui/ puts on screen. */
const belowUi = ['renderer/platform', 'renderer/document', 'renderer/store', 'renderer/editor', 'renderer/canvas', 'renderer/workflows', 'core', 'electron/common'];

/** Which of our layers each layer may import (its own layer is always allowed). */
export const mayImport = {
  core: [],
  native: ['core'],
  'electron/common': ['core'],
  'electron/services': ['electron/common', 'native', 'core'],
  'electron/main': ['electron/services', 'electron/common', 'core', 'native'],
  'electron/preload': ['electron/common', 'core'],
  'electron/serve': ['electron/services', 'electron/common', 'core', 'native'],
  // The only code that talks to a host (the contract's proxies, job runners, media URLs).
  'renderer/platform': ['core', 'electron/common'],
  // Typed records and their history: what the editor proposes and the store persists.
  'renderer/document': ['core', 'electron/common'],
  // Dexie. Persists the document; knows nothing of tools or screens.
  'renderer/store': ['renderer/document', 'core', 'electron/common'],
  // Tools as state machines over a ShapeCommitter (document/); the store is handed in, never imported.
  'renderer/editor': ['renderer/document', 'core', 'electron/common'],
  // Konva layers drawing an editor snapshot.
  'renderer/canvas': ['renderer/editor', 'renderer/document', 'core'],
  // Application workflows (no React): may use each other, the store, the host and the headless editor's input types.
  'renderer/workflows': ['renderer/store', 'renderer/document', 'renderer/platform', 'renderer/editor', 'core', 'electron/common'],
  // React only: puts everything below on screen (Dexie tables only through store and workflow functions, see below).
  'renderer/ui': belowUi,
  // The app shell mounts ui/ over everything ui/ may use.
  'renderer/shell': [...belowUi, 'renderer/ui'],
  'renderer/unassigned': [],
  models: [],
  hub: ['core', 'contracts'],
  'hub-tests': ['hub', 'core', 'contracts', 'native'],
  contracts: [],
  e2e: [ANY],
  bench: [ANY],
  scripts: [ANY],
};

/**
 * Modules of a layer another layer may import, that a layer still may not:
 * repo-relative path of the target without its extension.
 */
export const forbiddenModules = {
  'renderer/ui': [
    { match: /^renderer\/store\/db$/, why: 'ui/ reaches Dexie only through store, sync and review functions, never the database schema or its tables' },
  ],
};

/**
 * Raw Dexie table access written as `<x>.db.<table>` (the LabelStore's `db`).
 * Handing `store.db` to a store or workflow function is fine; reading a table off it is not.
 */
export const forbiddenTableAccess = {
  'renderer/ui': 'ui/ reads and writes through store, sync and review functions, not Dexie tables',
};

const nodeBuiltins = /^(node:|fs$|fs\/|path$|os$|child_process$|crypto$|worker_threads$|http$|https$|net$|url$|stream$|events$|util$)/;

/** Every renderer layer runs in Chromium. */
const chromium = [
  { match: nodeBuiltins, why: 'renderer code runs in Chromium: ask the host through renderer/platform' },
  { match: /^(electron|ws|sharp)(\/|$)/, why: 'renderer code runs in Chromium: ask the host through renderer/platform' },
];
const react = /^(react|react-dom|konva|react-konva)(\/|$)/;
const dexie = /^dexie(\/|$)/;

/** Third-party packages a layer may not use, with the reason shown in the lint error. */
export const forbiddenPackages = {
  core: [
    { match: nodeBuiltins, why: 'core/ is pure: no Node built-ins' },
    { match: /^(react|react-dom|konva|react-konva|dexie|electron|ws|sharp)(\/|$)/, why: 'core/ is pure domain code' },
  ],
  'renderer/platform': [...chromium, { match: dexie, why: 'storage is renderer/store' }],
  'renderer/document': [...chromium, { match: react, why: 'the document model is plain data: no React or Konva' }, { match: dexie, why: 'the document model is plain data: storage is renderer/store' }],
  'renderer/store': [...chromium, { match: react, why: 'the store is storage: no React or Konva' }],
  'renderer/editor': [...chromium, { match: react, why: 'tools are headless state machines: no React or Konva' }, { match: dexie, why: 'tools are headless state machines: no storage' }],
  'renderer/canvas': [...chromium, { match: dexie, why: 'the canvas draws a snapshot: storage is renderer/store' }],
  'renderer/workflows': [
    ...chromium,
    { match: react, why: 'application workflows have no React: screens are renderer/ui' },
    { match: dexie, why: 'workflows use the store’s GroundworkDb, not Dexie itself' },
  ],
  'renderer/ui': [...chromium, { match: dexie, why: 'ui/ reaches Dexie only through store, sync and review functions' }],
  'renderer/shell': chromium,
  'electron/common': [{ match: /^(electron|react|dexie|sharp|ws)(\/|$)/, why: 'the contract is types and schemas only' }],
  'electron/preload': [{ match: /^(sharp|ws|dexie|react)(\/|$)/, why: 'the preload exposes the bridge only' }],
};

export const anyLayer = ANY;
