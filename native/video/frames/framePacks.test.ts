import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isVideoError } from '../errors';
import { probeVideo } from '../probe/probeVideo';
import { fixture, PATTERN_WIDTH, tempCacheDir } from '../testSupport/fixtures';
import { readFrameIndex } from '../testSupport/indexPattern';
import { packServersClosedAfterEach } from '../testSupport/packServers';
import type { FrameServer } from '../types';
import type { FramePackIndex } from './framePack';

const server = packServersClosedAfterEach();

async function shownIndex(frames: FrameServer, file: string, n: number, direction: 'none' | 'forward' | 'backward' = 'none'): Promise<number> {
  const image = await frames.getFrame(file, n, direction);
  expect(image.error, `frame ${n}`).toBeUndefined();
  return readFrameIndex(image.bytes!, PATTERN_WIDTH);
}

/** A pack made and checked by one server (then closed) in a fresh cache folder: its folder, index file and index. */
async function madePack(file: string, label: string): Promise<{ cacheDir: string; indexFile: string; index: FramePackIndex }> {
  const cacheDir = await tempCacheDir(label);
  const first = server({ cacheDir });
  expect((await first.preparePack(file)).state).toBe('ready');
  await first.close();
  const names = await fs.readdir(path.join(cacheDir, 'packs'));
  const indexFile = path.join(cacheDir, 'packs', names.find((n) => n.endsWith('.json'))!);
  return { cacheDir, indexFile, index: JSON.parse(await fs.readFile(indexFile, 'utf8')) as FramePackIndex };
}

// Each test makes a pack (a whole decode plus sample checks): slow on a loaded 2-core machine.
describe('frame packs (real x264 medium B-frame encodes)', { timeout: 180_000 }, () => {
  it('without a pack, frame N is exact after a cold jump into a long GOP, and backward steps are exact', async () => {
    const file = await fixture('photoPan');
    const frames = server({ cacheDir: await tempCacheDir('pack-off'), framePacks: false });
    expect(await frames.preparePack(file)).toEqual({ state: 'off' });
    for (const n of [179, 119, 61, 3]) {
      expect(await shownIndex(frames, file, n)).toBe(n);
      expect(await shownIndex(frames, file, n - 1, 'backward')).toBe(n - 1);
      expect(await shownIndex(frames, file, n - 2, 'backward')).toBe(n - 2);
    }
  });

  it('makes a pack, checks it, then serves every frame exactly from it without decoding; a new server reuses it', async () => {
    const file = await fixture('photoPan');
    const cacheDir = await tempCacheDir('pack-make');
    const frames = server({ cacheDir });
    expect(await frames.preparePack(file)).toEqual({ state: 'ready', frames: 180 });
    const decodesBefore = frames.stats().decodeProcesses;
    const order = [150, 149, 148, 151, 0, 179, 120, 119, 60, 61];
    for (const n of order) expect(await shownIndex(frames, file, n)).toBe(n);
    expect(frames.stats()).toMatchObject({ decodeProcesses: decodesBefore, packHits: order.length });

    const again = server({ cacheDir });
    expect(await again.preparePack(file)).toEqual({ state: 'ready', frames: 180 });
    const shown = [];
    for (let n = 0; n < 180; n++) shown.push(await shownIndex(again, file, n, 'forward'));
    expect(shown).toEqual(Array.from({ length: 180 }, (_, i) => i));
    expect(again.stats()).toMatchObject({ decodeProcesses: 0, packHits: 180 });
  });

  it('refuses a pack whose frames are not the video\'s (reordered), deletes it and keeps serving exact frames by decoding', async () => {
    const file = await fixture('photoPan');
    const { cacheDir, indexFile, index } = await madePack(file, 'pack-tampered');
    // Same structure, every frame's bytes from the frame mirrored around the middle.
    const dataFile = indexFile.replace(/\.json$/, '.frames');
    const data = await fs.readFile(dataFile);
    const jpegs = index.offsets.map((o, n) => data.subarray(o, o + index.lengths[n]!)).reverse();
    let offset = 0;
    index.offsets = jpegs.map((j) => ((offset += j.length), offset - j.length));
    index.lengths = jpegs.map((j) => j.length);
    index.crc32 = index.crc32.reverse(); // a consistent pack of the wrong frames: only the sample check can tell
    delete index.checkedAgainst; // as if the host quit between writing the pack and checking it
    await fs.writeFile(dataFile, Buffer.concat(jpegs));
    await fs.writeFile(indexFile, JSON.stringify(index));

    const frames = server({ cacheDir });
    const status = await frames.preparePack(file);
    expect(status).toMatchObject({ state: 'refused' });
    expect(status.state === 'refused' && status.reason).toMatch(/^the frame pack does not match the video: frame \d+ in the pack differs from the decoded frame/);
    expect(await fs.readdir(path.join(cacheDir, 'packs'))).toEqual([]);
    for (const n of [0, 90, 179]) expect(await shownIndex(frames, file, n)).toBe(n);
    expect(frames.stats().packHits).toBe(0);
  });

  it('makes the pack again when the one on disk does not fit the video (other frame count)', async () => {
    const file = await fixture('photoPan');
    const { cacheDir, indexFile, index } = await madePack(file, 'pack-stale');
    await fs.writeFile(indexFile, JSON.stringify({ ...index, frameCount: 179, offsets: index.offsets.slice(1), lengths: index.lengths.slice(1), crc32: index.crc32.slice(1) }));
    const frames = server({ cacheDir });
    expect(await frames.preparePack(file)).toEqual({ state: 'ready', frames: 180 });
    expect(await shownIndex(frames, file, 0)).toBe(0);
    expect(frames.stats().packHits).toBe(1);
  });

  it('leaves the frames a damaged video does not decode out of the pack: those stay unreadable, the rest exact', async () => {
    const file = await fixture('corrupt');
    const frames = server({ cacheDir: await tempCacheDir('pack-corrupt'), jumpWindowFrames: 20 });
    const status = await frames.preparePack(file);
    expect(status.state).toBe('ready');
    expect(status.state === 'ready' && status.frames).toBeLessThan(120);
    for (const n of [0, 43, 60, 119]) expect(await shownIndex(frames, file, n)).toBe(n);
    const damaged = await frames.getFrame(file, 45);
    expect(damaged.bytes).toBeNull();
    expect(damaged.error).toMatch(/^Frame 45 is unreadable: the frame could not be decoded/);
  });

  it('rejects a truncated file with a clear error and makes no pack for it', async () => {
    const cacheDir = await tempCacheDir('pack-truncated');
    const frames = server({ cacheDir });
    const error = await frames.preparePack(await fixture('truncated')).catch((e: unknown) => e);
    expect(isVideoError(error, 'truncated')).toBe(true);
    expect((error as Error).message).toMatch(/^Truncated video: truncated\.mp4 has no index/);
    await expect(fs.readdir(path.join(cacheDir, 'packs'))).rejects.toThrow(/ENOENT/);
  });

  it('stops making a pack on release and leaves no files behind', async () => {
    const file = await fixture('photoPan');
    const cacheDir = await tempCacheDir('pack-release');
    const frames = server({ cacheDir });
    await frames.open(file);
    const pending = frames.preparePack(file);
    await new Promise((r) => setTimeout(r, 50));
    frames.release(file);
    expect(await pending).toEqual({ state: 'refused', reason: 'cancelled' });
    await frames.whenIdle();
    expect(await fs.readdir(path.join(cacheDir, 'packs'))).toEqual([]);
    const probe = await probeVideo(file);
    expect(await shownIndex(frames, probe.path, 100)).toBe(100);
  });
});
