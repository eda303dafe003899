// The "may import" column of shared ARCHITECTURE.md as data. The lint rule in
// importBoundaries.js reads this table; change the architecture here, not in
// the rule.

/** Layer of a repo-relative path (forward slashes), most specific first. */
export const layers = [
  { name: 'electron/common', match: /^electron\/common\// },
  { name: 'electron/services', match: /^electron\/services\// },
  { name: 'electron/main', match: /^electron\/main\// },
  { name: 'electron/preload', match: /^electron\/preload\// },
  { name: 'electron/serve', match: /^electron\/serve\// },
  { name: 'renderer/editor', match: /^renderer\/editor\// },
  { name: 'renderer', match: /^renderer\// },
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

/** Which of our layers each layer may import (its own layer is always allowed). */
export const mayImport = {
  core: [],
  native: ['core'],
  'electron/common': ['core'],
  'electron/services': ['electron/common', 'native', 'core'],
  'electron/main': ['electron/services', 'electron/common', 'core', 'native'],
  'electron/preload': ['electron/common', 'core'],
  'electron/serve': ['electron/services', 'electron/common', 'core', 'native'],
  renderer: ['core', 'electron/common', 'renderer/editor'],
  'renderer/editor': ['core', 'electron/common', 'renderer'],
  models: [],
  hub: ['core', 'contracts'],
  'hub-tests': ['hub', 'core', 'contracts', 'native'],
  contracts: [],
  e2e: [ANY],
  bench: [ANY],
  scripts: [ANY],
};

const nodeBuiltins = /^(node:|fs$|fs\/|path$|os$|child_process$|crypto$|worker_threads$|http$|https$|net$|url$|stream$|events$|util$)/;

/** Third-party packages a layer may not use, with the reason shown in the lint error. */
export const forbiddenPackages = {
  core: [
    { match: nodeBuiltins, why: 'core/ is pure: no Node built-ins' },
    { match: /^(react|react-dom|konva|react-konva|dexie|electron|ws|sharp)(\/|$)/, why: 'core/ is pure domain code' },
  ],
  'renderer/editor': [
    { match: /^(react|react-dom|konva|react-konva|dexie|electron)(\/|$)/, why: 'tools are headless state machines: no React, Konva or storage' },
    { match: nodeBuiltins, why: 'renderer code runs in Chromium' },
  ],
  renderer: [
    { match: nodeBuiltins, why: 'renderer code runs in Chromium: ask the host through renderer/platform' },
    { match: /^(electron|ws|sharp)(\/|$)/, why: 'renderer code runs in Chromium: ask the host through renderer/platform' },
  ],
  'electron/common': [{ match: /^(electron|react|dexie|sharp|ws)(\/|$)/, why: 'the contract is types and schemas only' }],
  'electron/preload': [{ match: /^(sharp|ws|dexie|react)(\/|$)/, why: 'the preload exposes the bridge only' }],
};

export const anyLayer = ANY;
