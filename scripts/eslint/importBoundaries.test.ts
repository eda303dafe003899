import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints snippets as if they lived at the given path, with the project's own
// eslint.config.js, so the rule is tested exactly as CI runs it.
const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: repoRoot });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'groundwork/import-boundaries').map((m) => m.message);
}

describe('import boundaries (ARCHITECTURE.md "may import")', () => {
  it('refuses imports a layer may not make', async () => {
    expect(await boundaryErrors('core/model/x.ts', "import { a } from '../../renderer/store/db';\n")).toEqual([
      expect.stringContaining('core may not import renderer'),
    ]);
    expect(await boundaryErrors('renderer/ui/x.ts', "import { a } from '../../electron/services/createServices';\n")).toEqual([
      expect.stringContaining('renderer/ui may not import electron/services'),
    ]);
    expect(await boundaryErrors('native/x.ts', "export * from '../electron/common/services';\n")).toHaveLength(1);
  });

  it('refuses packages that break a layer’s runtime', async () => {
    expect(await boundaryErrors('core/x.ts', "import fs from 'node:fs';\n")).toHaveLength(1);
    expect(await boundaryErrors('renderer/editor/x.ts', "import React from 'react';\n")).toHaveLength(1);
    expect(await boundaryErrors('renderer/ui/x.ts', "import { readFile } from 'fs';\n")).toHaveLength(1);
  });

  it('allows what the architecture allows', async () => {
    expect(await boundaryErrors('renderer/ui/x.ts', "import { a } from '../../core/model/shape';\nimport { b } from '../../electron/common/services';\n")).toEqual([]);
    expect(await boundaryErrors('electron/services/x.ts', "import { a } from '../../native/video';\nimport { b } from '../common/services';\n")).toEqual([]);
    expect(await boundaryErrors('bench/x.ts', "import { a } from '../renderer/store/db';\n")).toEqual([]);
  });

  describe('renderer sub-layers', () => {
    it('keeps the editor off the store, ui, canvas and workflows', async () => {
      expect(await boundaryErrors('renderer/editor/probe.ts', "import { a } from '../ui/StoreContext';\n")).toEqual([
        expect.stringContaining('renderer/editor may not import renderer/ui'),
      ]);
      expect(await boundaryErrors('renderer/editor/probe.ts', "import { a } from '../store/labelStore';\n")).toEqual([
        expect.stringContaining('renderer/editor may not import renderer/store'),
      ]);
      expect(await boundaryErrors('renderer/editor/video/probe.ts', "import { a } from '../../canvas/LabelCanvas';\nimport { b } from '../../review/reviewKeys';\n")).toEqual([
        expect.stringContaining('renderer/editor may not import renderer/canvas'),
        expect.stringContaining('renderer/editor may not import renderer/workflows'),
      ]);
    });

    it('keeps the store off the editor and ui', async () => {
      expect(await boundaryErrors('renderer/store/probe.ts', "import type { Camera } from '../editor/types';\n")).toEqual([
        expect.stringContaining('renderer/store may not import renderer/editor'),
      ]);
      expect(await boundaryErrors('renderer/store/probe.ts', "import { a } from '../ui/StoreContext';\n")).toEqual([
        expect.stringContaining('renderer/store may not import renderer/ui'),
      ]);
      expect(await boundaryErrors('renderer/store/probe.ts', "import React from 'react';\n")).toEqual([expect.stringContaining('the store is storage')]);
    });

    it('keeps the document model plain', async () => {
      expect(await boundaryErrors('renderer/document/probe.ts', "import { a } from '../store/db';\n")).toEqual([
        expect.stringContaining('renderer/document may not import renderer/store'),
      ]);
      expect(await boundaryErrors('renderer/document/probe.ts', "import { a } from '../editor/types';\n")).toEqual([
        expect.stringContaining('renderer/document may not import renderer/editor'),
      ]);
      expect(await boundaryErrors('renderer/document/probe.ts', "import Dexie from 'dexie';\n")).toHaveLength(1);
    });

    it('keeps workflows free of React and screens', async () => {
      expect(await boundaryErrors('renderer/prelabel/probe.ts', "import { a } from '../ui/StoreContext';\n")).toEqual([
        expect.stringContaining('renderer/workflows may not import renderer/ui'),
      ]);
      expect(await boundaryErrors('renderer/sync/probe.ts', "import { useState } from 'react';\n")).toEqual([expect.stringContaining('no React')]);
      expect(await boundaryErrors('renderer/labelImport/probe.ts', "import { a } from '../canvas/drawBoxes';\n")).toEqual([
        expect.stringContaining('renderer/workflows may not import renderer/canvas'),
      ]);
    });

    it('keeps ui off Dexie: no dexie package, no database module, no raw tables', async () => {
      expect(await boundaryErrors('renderer/ui/probe.ts', "import Dexie from 'dexie';\n")).toEqual([expect.stringContaining('renderer/ui may not import "dexie"')]);
      expect(await boundaryErrors('renderer/ui/network/probe.ts', "import { GroundworkDb } from '../../store/db';\n")).toEqual([
        expect.stringContaining('renderer/ui may not import renderer/store/db'),
      ]);
      expect(await boundaryErrors('renderer/ui/network/probe.ts', 'export const n = (store: any) => store.db.hubTasks.count();\n')).toEqual([
        expect.stringContaining('renderer/ui may not use Dexie tables ("store.db.hubTasks")'),
      ]);
      expect(await boundaryErrors('renderer/ui/network/probe.ts', "export const n = (s: any) => s.db['outbox'].count();\n")).toHaveLength(1);
    });

    it('asks for a layer for a renderer folder it does not know', async () => {
      expect(await boundaryErrors('renderer/newThing/probe.ts', 'export const a = 1;\n')).toEqual([expect.stringContaining('renderer/newThing/ is in no layer')]);
      expect(await boundaryErrors('renderer/ui/probe.ts', "import { a } from '../newThing/x';\n")).toEqual([
        expect.stringContaining('renderer/ui may not import renderer/unassigned'),
      ]);
    });

    it('allows each sub-layer what it needs', async () => {
      const allowed: [string, string][] = [
        ['renderer/document/probe.ts', "import type { Shape } from '../../core/model/shape';\nimport { a } from './undoStack';\n"],
        ['renderer/store/probe.ts', "import Dexie from 'dexie';\nimport { ShapeHistory } from '../document/shapeHistory';\nimport { b } from '../../electron/common/services';\n"],
        ['renderer/editor/probe.ts', "import type { ShapeCommitter } from '../document/shapeCommitter';\nimport { c } from '../../core/model/shape';\n"],
        ['renderer/canvas/probe.tsx', "import { Layer } from 'react-konva';\nimport type { Camera } from '../editor/types';\nimport type { ShapeChange } from '../document/shapeChange';\n"],
        ['renderer/prelabel/probe.ts', "import { a } from '../store/labelStore';\nimport { b } from '../platform/runJob';\nimport { c } from '../sync/outbox';\nimport type { KeyInput } from '../editor/types';\n"],
        ['renderer/review/probe.ts', "import { a } from '../store/db';\nexport const n = (store: any) => store.db.disputes.count();\n"],
        ['renderer/ui/probe.tsx', "import { useState } from 'react';\nimport { a } from '../store/labelStore';\nimport { b } from '../prelabel/prelabelJobController';\nimport { c } from '../canvas/LabelCanvas';\nimport { d } from '../platform/HostContext';\nexport const o = (store: any) => new Outbox(store.db);\n"],
        ['renderer/App.tsx', "import { a } from './ui/Workspace';\nimport { b } from './store/labelStore';\nimport { c } from './platform/connectHost';\n"],
        ['renderer/store/probe.test.ts', "import 'fake-indexeddb/auto';\nimport { a } from './testing/fixtures';\n"],
      ];
      for (const [file, code] of allowed) expect({ file, errors: await boundaryErrors(file, code) }).toEqual({ file, errors: [] });
    });
  });
});
