import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeRoomForPack, PACK_SIZE_FACTOR } from './packBudget';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gw-pack-budget-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A stored pack of `bytes` last used `ageSec` ago. */
async function pack(name: string, bytes: number, ageSec: number): Promise<void> {
  await fs.writeFile(path.join(dir, `${name}.frames`), Buffer.alloc(bytes));
  await fs.writeFile(path.join(dir, `${name}.json`), '{}');
  const at = new Date(Date.now() - ageSec * 1000);
  await fs.utimes(path.join(dir, `${name}.frames`), at, at);
}
const present = async () => (await fs.readdir(dir)).filter((n) => n.endsWith('.frames')).sort();

describe('frame packs within a disk budget', () => {
  it('removes the least recently used packs, index and data, until the new one fits', async () => {
    await pack('old', 100, 300);
    await pack('mid', 100, 200);
    await pack('new', 100, 100);
    // 300 stored + 10 × factor needed, budget leaves room for two of the three.
    expect(await makeRoomForPack(dir, 10, 200 + 10 * PACK_SIZE_FACTOR, new Set())).toBeNull();
    expect(await present()).toEqual(['mid.frames', 'new.frames']);
    expect(await fs.readdir(dir)).not.toContain('old.json');
  });

  it('never removes a pack the server has open, and says when what is open leaves no room', async () => {
    await pack('old', 100, 300);
    await pack('mid', 100, 200);
    expect(await makeRoomForPack(dir, 10, 100 + 10 * PACK_SIZE_FACTOR, new Set(['old']))).toBeNull();
    expect(await present()).toEqual(['old.frames']);
    const reason = await makeRoomForPack(dir, 10, 50 + 10 * PACK_SIZE_FACTOR, new Set(['old']));
    expect(reason).toMatch(/open now leave no room/);
    expect(await present()).toEqual(['old.frames']);
  });

  it('refuses a pack whose estimate alone is over the budget, removing nothing', async () => {
    await pack('old', 100, 300);
    const reason = await makeRoomForPack(dir, 1024 ** 3, 5 * 1024 ** 3, new Set());
    expect(reason).toMatch(/about 12\.0 GiB, over the packs' disk budget of 5\.0 GiB/);
    expect(await present()).toEqual(['old.frames']);
  });
});
