import { afterEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { probeVideo } from '../probe/probeVideo';
import { fixture, PATTERN_WIDTH, tempCacheDir } from '../testSupport/fixtures';
import { readFrameIndex } from '../testSupport/indexPattern';
import { seededFrames } from '../testSupport/seededFrames';
import type { FrameServer } from '../types';
import { createFrameServer } from './frameServer';

const servers: FrameServer[] = [];
async function server(options: Partial<Parameters<typeof createFrameServer>[0]> = {}): Promise<FrameServer> {
  const created = createFrameServer({ cacheDir: await tempCacheDir('frames'), diskCache: false, ...options });
  servers.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function expectExact(frames: FrameServer, file: string, wanted: number[]): Promise<void> {
  for (const n of wanted) {
    const image = await frames.getFrame(file, n);
    expect(image.error).toBeUndefined();
    expect({ n, shown: await readFrameIndex(image.bytes!, PATTERN_WIDTH) }).toEqual({ n, shown: n });
  }
}

describe('frame server: exact frames', () => {
  it('returns exactly frame N (random, around keyframes, first and last) on CFR video', async () => {
    const frames = await server();
    const file = await fixture('cfr');
    await expectExact(frames, file, [0, 1, 59, 60, 61, 119, 120, 239, 240, 298, 299, ...seededFrames(12, 300, 7)]);
  });

  it('is exact on B-frame video', async () => {
    const frames = await server();
    await expectExact(frames, await fixture('bframes'), [0, 1, 2, 29, 30, 31, 58, 89, 90, 119, ...seededFrames(6, 120, 11)]);
  });

  it('is exact on variable-frame-rate video (no duplicated frames)', async () => {
    const frames = await server({ jumpWindowFrames: 20 });
    const file = await fixture('vfr');
    await expectExact(frames, file, [0, 1, 58, 59, 60, 61, 62, 90, 119]);
    // One window across the rate change: each frame exactly once, in order.
    const sequence = [];
    for (let n = 50; n < 70; n++) sequence.push(await readFrameIndex((await frames.getFrame(file, n)).bytes!, PATTERN_WIDTH));
    expect(sequence).toEqual(Array.from({ length: 20 }, (_, i) => 50 + i));
  });

  it('returns JPEG with its size; scales to outputWidth', async () => {
    const frames = await server({ outputWidth: 160 });
    const image = await frames.getFrame(await fixture('cfr'), 42);
    expect(image.mime).toBe('image/jpeg');
    expect([image.width, image.height]).toEqual([160, 120]);
    expect(await sharp(image.bytes!).metadata()).toMatchObject({ format: 'jpeg', width: 160, height: 120 });
    expect(await readFrameIndex(image.bytes!, PATTERN_WIDTH)).toBe(42);
  });

  it('shows rotated video upright at its displayed size, turned the way the probe says', async () => {
    const frames = await server();
    const file = await fixture('rotated');
    const probe = await probeVideo(file);
    const image = await frames.getFrame(file, 5);
    expect([image.width, image.height]).toEqual([240, 320]);
    // The index band runs along the coded top edge: rotated clockwise it lands on the right.
    const { data, info } = await sharp(image.bytes!).raw().toBuffer({ resolveWithObject: true });
    const bandColumn = probe.info.rotation === 90 ? info.width - 10 : 10;
    const otherColumn = info.width - 1 - bandColumn;
    const mean = (x: number) => {
      let sum = 0;
      for (let y = 0; y < info.height; y++) sum += data[(y * info.width + x) * info.channels]!;
      return sum / info.height;
    };
    expect(mean(bandColumn)).toBeLessThan(40); // black band with a few white bits
    expect(mean(otherColumn)).toBeGreaterThan(40); // testsrc2 picture
  });

  it('rejects a frame outside the video', async () => {
    const frames = await server();
    await expect(frames.getFrame(await fixture('short'), 60)).rejects.toThrow('Frame 60 is outside short.mp4 (frames 0–59)');
  });
});

describe('frame server: windows, sharing, prefetch, caches', () => {
  it('decodes a window of frames in one process', async () => {
    const frames = await server({ jumpWindowFrames: 8 });
    const file = await fixture('cfr');
    await frames.getFrame(file, 100);
    await frames.whenIdle();
    for (let n = 101; n < 108; n++) await frames.getFrame(file, n);
    expect(frames.stats().decodeProcesses).toBe(1);
    expect(frames.stats().framesDecoded).toBe(8);
    await expectExact(frames, file, [100, 103, 107]);
  });

  it('lets concurrent requests in one window share a single decode', async () => {
    const frames = await server({ playWindowFrames: 30 });
    const file = await fixture('cfr');
    const images = await Promise.all([frames.getFrame(file, 150, 'forward'), frames.getFrame(file, 160), frames.getFrame(file, 170)]);
    expect(await Promise.all(images.map((i) => readFrameIndex(i.bytes!, PATTERN_WIDTH)))).toEqual([150, 160, 170]);
    expect(frames.stats().decodeProcesses).toBe(1);
  });

  it('prefetches ahead while playing forward, so playback runs on few processes', async () => {
    const frames = await server({ playWindowFrames: 40 });
    const file = await fixture('cfr');
    const shown = [];
    for (let n = 0; n < 150; n++) shown.push(await readFrameIndex((await frames.getFrame(file, n, 'forward')).bytes!, PATTERN_WIDTH));
    expect(shown).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(frames.stats().decodeProcesses).toBeLessThanOrEqual(5);
    expect(frames.stats().memoryHits).toBeGreaterThan(100);
  });

  it('prefetches behind when scrubbing backward', async () => {
    const frames = await server({ playWindowFrames: 30 });
    const file = await fixture('cfr');
    await frames.getFrame(file, 200, 'backward');
    await frames.whenIdle();
    const before = frames.stats().decodeProcesses;
    await expectExact(frames, file, [199, 190, 185]);
    expect(frames.stats().decodeProcesses).toBe(before);
  });

  it('keeps the memory cache under its byte cap', async () => {
    const cap = 300_000;
    const frames = await server({ memoryCapBytes: cap, playWindowFrames: 60 });
    const file = await fixture('cfr');
    for (let n = 0; n < 60; n++) await frames.getFrame(file, n, 'forward');
    const stats = frames.stats();
    expect(stats.framesDecoded).toBeGreaterThanOrEqual(60);
    expect(stats.memoryBytes).toBeLessThanOrEqual(cap);
    expect(stats.memoryFrames).toBeGreaterThan(0);
    expect(stats.memoryFrames).toBeLessThan(stats.framesDecoded);
  });

  it('serves frames from the disk cache in a new server without decoding', async () => {
    const cacheDir = await tempCacheDir('disk');
    const file = await fixture('short');
    const first = await server({ cacheDir, diskCache: true });
    await first.getFrame(file, 20);
    await first.close();
    await new Promise((r) => setTimeout(r, 200)); // disk writes are fire-and-forget
    const second = await server({ cacheDir, diskCache: true });
    expect(await readFrameIndex((await second.getFrame(file, 20)).bytes!, PATTERN_WIDTH)).toBe(20);
    expect(second.stats()).toMatchObject({ decodeProcesses: 0, diskHits: 1 });
  });
});

describe('frame server: damaged video', () => {
  it('reports frames that cannot be decoded and still serves the others exactly', async () => {
    const frames = await server({ jumpWindowFrames: 20 });
    const file = await fixture('corrupt');
    await expectExact(frames, file, [0, 30, 43, 60, 61, 100, 119]);
    const damaged = await frames.getFrame(file, 45);
    expect(damaged.bytes).toBeNull();
    expect(damaged.error).toMatch(/^Frame 45 is unreadable: the frame could not be decoded/);
    expect([damaged.width, damaged.height]).toEqual([320, 240]);
  });

  it('reports frames missing from a truncated file as unreadable', async () => {
    const frames = await server();
    const file = await fixture('truncatedFaststart');
    const { info } = await probeVideo(file);
    await expectExact(frames, file, [0, Math.floor(info.frameCount / 2)]);
    // The cut lands inside the last listed packet: ffprobe lists it, the decoder cannot use it.
    const last = await frames.getFrame(file, info.frameCount - 1);
    expect(last.bytes).toBeNull();
    expect(last.error).toMatch(new RegExp(`^Frame ${info.frameCount - 1} is unreadable: the frame could not be decoded`));
  });
});
