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
      expect.stringContaining('renderer may not import electron/services'),
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
});
