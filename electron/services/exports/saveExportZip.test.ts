import { chmod, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { tempDir, writeFiles } from '../testSupport/fixtureImages';
import { deliverExport } from './deliverExport';

async function dataDirWithExport() {
  const dataDir = await tempDir('save-export');
  await writeFiles(path.join(dataDir, 'exports', 'clip-mot'), { 'gt/gt.txt': '1,1,10,10,5,5,1,-1,-1,-1\n' });
  return dataDir;
}

describe('save an export where the user chooses (Electron)', () => {
  it('asks with the export name and writes one zip there', async () => {
    const dataDir = await dataDirWithExport();
    const target = path.join(await tempDir('save-target'), 'mine.zip');
    const asked: string[] = [];
    const result = await deliverExport(dataDir, 'clip-mot', { pickSavePath: async (name) => (asked.push(name), target) });
    expect(asked).toEqual(['clip-mot.zip']);
    expect(result).toEqual({ kind: 'saved', path: target });
    const entries = unzipSync(new Uint8Array(await readFile(target)));
    expect(Object.keys(entries)).toEqual(['clip-mot/gt/gt.txt']);
    expect(strFromU8(entries['clip-mot/gt/gt.txt']!)).toContain('1,1,10,10');
    expect(await readdir(path.dirname(target))).toEqual(['mine.zip']);
  });

  it('writes nothing when the user cancels', async () => {
    const dataDir = await dataDirWithExport();
    expect(await deliverExport(dataDir, 'clip-mot', { pickSavePath: async () => null })).toEqual({ kind: 'cancelled' });
  });

  it('says clearly when the chosen place cannot be written, and leaves no partial file', async () => {
    const dataDir = await dataDirWithExport();
    const missing = path.join(await tempDir('save-target'), 'no-such-folder', 'x.zip');
    await expect(deliverExport(dataDir, 'clip-mot', { pickSavePath: async () => missing })).rejects.toThrow(/could not save the export to ".*x\.zip": the folder does not exist/);
    if (process.getuid?.() !== 0) {
      const locked = await tempDir('save-locked');
      await mkdir(path.join(locked, 'ro'));
      await chmod(path.join(locked, 'ro'), 0o500);
      await expect(deliverExport(dataDir, 'clip-mot', { pickSavePath: async () => path.join(locked, 'ro', 'x.zip') })).rejects.toThrow(/permission denied/);
      expect(await readdir(path.join(locked, 'ro'))).toEqual([]);
    }
  });

  it('refuses an export that does not exist before asking anything', async () => {
    const dataDir = await dataDirWithExport();
    let asked = false;
    await expect(deliverExport(dataDir, 'gone', { pickSavePath: async () => ((asked = true), 'x') })).rejects.toThrow(/there is no export "gone"/);
    expect(asked).toBe(false);
  });
});
