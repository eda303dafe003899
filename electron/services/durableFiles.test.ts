import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomicWrite';
import { createHubRegistry } from './hub/hubRegistry';
import { createRootStore } from './media/rootStore';
import type { StateFileProblem } from './readStateFile';
import { tempDir } from './testSupport/fixtureImages';

const HUB_CONFIG = { chainId: 31337, rewardsContract: '0x5FbDB2315678afecb367f032d93F642f64180aa3', token: null };

describe('writeFileAtomic', () => {
  it('writes the whole content, owner-only, and leaves no temporary file', async () => {
    const dir = await tempDir('atomic');
    const file = path.join(dir, 'state.json');
    await writeFileAtomic(file, '{"a":1}');
    await writeFileAtomic(file, '{"a":2}');
    expect(await readFile(file, 'utf8')).toBe('{"a":2}');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('leaves the old content and no temporary file when the write cannot complete', async () => {
    const dir = await tempDir('atomic-fail');
    const file = path.join(dir, 'state.json');
    await writeFileAtomic(file, 'old');
    // A folder where the file should be: the rename fails after the temp file was written and synced.
    const blocked = path.join(dir, 'blocked');
    await mkdir(blocked);
    await writeFile(path.join(blocked, 'keep'), 'x');
    await expect(writeFileAtomic(blocked, 'new')).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe('old');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('attack: a corrupt small state file bricks a service', () => {
  for (const [name, content] of [
    ['empty', ''],
    ['truncated JSON', '{"roots": [{"rootId": "ab'],
    ['valid JSON of the wrong shape', '{"roots": "everything"}'],
  ] as const) {
    it(`roots.json ${name}: moved aside with a clear reason, and a new folder can be granted`, async () => {
      const dataDir = await tempDir('roots-corrupt');
      await writeFile(path.join(dataDir, 'roots.json'), content);
      const problems: StateFileProblem[] = [];
      const roots = createRootStore(dataDir, (p) => problems.push(p));
      expect(await roots.list()).toEqual([]);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.reason).toMatch(name === 'empty' ? /empty/ : name === 'truncated JSON' ? /not JSON/ : /roots/);
      expect(await readFile(problems[0]!.movedTo, 'utf8')).toBe(content);
      const folder = await tempDir('roots-new-folder');
      const granted = await roots.grant(folder);
      // A fresh store (next start) reads what was granted after the recovery.
      const again = createRootStore(dataDir, (p) => problems.push(p));
      expect((await again.list()).map((r) => r.rootId)).toEqual([granted.rootId]);
      expect(problems).toHaveLength(1);
    });
  }

  it('hubs.json corrupt: moved aside, the hub list starts empty and a hub can be remembered', async () => {
    const dataDir = await tempDir('hubs-corrupt');
    await writeFile(path.join(dataDir, 'hubs.json'), '\u0000\u0000\u0000');
    const problems: StateFileProblem[] = [];
    const registry = createHubRegistry(dataDir, (p) => problems.push(p));
    expect(await registry.list()).toEqual({ defaultHub: null, hubs: [] });
    expect(problems.map((p) => p.file)).toEqual([path.join(dataDir, 'hubs.json')]);
    await registry.remember('http://127.0.0.1:8787', HUB_CONFIG);
    const reread = JSON.parse(await readFile(path.join(dataDir, 'hubs.json'), 'utf8')) as { defaultHub: string };
    expect(reread.defaultHub).toBe('http://127.0.0.1:8787');
  });
});
