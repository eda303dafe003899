import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VideoError } from '../errors';
import { fixture, tempCacheDir } from '../testSupport/fixtures';
import { probeVideo } from './probeVideo';

describe('probeVideo', () => {
  it('reads a constant-frame-rate video: exact count, fps, duration, keyframes', async () => {
    const probe = await probeVideo(await fixture('cfr'));
    expect(probe.info).toEqual({ frameCount: 300, fps: 30, durationSec: 10, variableFrameRate: false, codec: 'h264', rotation: 0 });
    expect([probe.width, probe.height]).toEqual([320, 240]);
    expect(probe.keyframes).toEqual([0, 60, 120, 180, 240]);
    expect(probe.frameTimes[1]).toBeCloseTo(1 / 30, 5);
    expect(probe.frameTimes[299]).toBeCloseTo(299 / 30, 5);
    expect(probe.warnings).toEqual([]);
  });

  it('orders B-frame video by presentation time', async () => {
    const probe = await probeVideo(await fixture('bframes'));
    expect(probe.info.frameCount).toBe(120);
    for (let n = 1; n < probe.frameTimes.length; n++) expect(probe.frameTimes[n]! - probe.frameTimes[n - 1]!).toBeCloseTo(1 / 30, 5);
  });

  it('detects variable frame rate from the real timestamps', async () => {
    const probe = await probeVideo(await fixture('vfr'));
    expect(probe.info.variableFrameRate).toBe(true);
    expect(probe.info.frameCount).toBe(120);
    expect(probe.frameTimes[59]).toBeCloseTo(59 / 30, 4);
    expect(probe.frameTimes[60]).toBeCloseTo(60 / 30, 4);
    expect(probe.frameTimes[61]).toBeCloseTo(62 / 30, 4);
    expect(probe.info.fps).toBeLessThan(30);
  });

  it('reports rotation and the displayed (rotated) size', async () => {
    const probe = await probeVideo(await fixture('rotated'));
    expect([90, 270]).toContain(probe.info.rotation);
    expect([probe.width, probe.height]).toEqual([240, 320]);
    expect([probe.codedWidth, probe.codedHeight]).toEqual([320, 240]);
  });

  it('probes the two-shot video', async () => {
    const probe = await probeVideo(await fixture('twoShots'));
    expect(probe.info.frameCount).toBe(120);
    expect(probe.keyframes.slice(0, 2)).toEqual([0, 30]);
  });

  it('caches the index on disk and reuses it on the next open', async () => {
    const cacheDir = await tempCacheDir('index');
    const file = await fixture('cfr');
    const first = await probeVideo(file, { cacheDir });
    expect(first.fromCache).toBe(false);
    const files = await fs.readdir(path.join(cacheDir, 'index'));
    expect(files).toEqual([`${first.cacheKey}.json`]);
    const second = await probeVideo(file, { cacheDir });
    expect(second.fromCache).toBe(true);
    expect({ ...second, fromCache: false }).toEqual(first);
  });

  it('rebuilds a damaged cache file instead of trusting it', async () => {
    const cacheDir = await tempCacheDir('index-bad');
    const file = await fixture('short');
    const first = await probeVideo(file, { cacheDir });
    await fs.writeFile(path.join(cacheDir, 'index', `${first.cacheKey}.json`), '{"format":1,"probe":');
    const again = await probeVideo(file, { cacheDir });
    expect(again.fromCache).toBe(false);
    expect(again.info.frameCount).toBe(60);
  });

  it('flags a faststart file cut in half as truncated but keeps the frames that are there', async () => {
    const probe = await probeVideo(await fixture('truncatedFaststart'));
    expect(probe.info.frameCount).toBeGreaterThan(0);
    expect(probe.info.frameCount).toBeLessThan(120);
    expect(probe.warnings[0]).toMatch(/^truncated: the container declares 120 frames, \d+ are present/);
  });

  const bad: [Parameters<typeof fixture>[0], string, RegExp][] = [
    ['notVideo', 'not-video', /^Not a video file: notVideo\.mp4 \(Invalid data found when processing input\)$/],
    ['truncated', 'truncated', /^Truncated video: truncated\.mp4 has no index \(moov box\)/],
    ['zeroFrames', 'zero-frames', /^The video has no frames: zeroFrames\.mp4/],
    ['audioOnly', 'no-video-stream', /^No video stream in audioOnly\.m4a: it only has audio$/],
  ];
  for (const [name, code, message] of bad) {
    it(`rejects ${name} with a clear message`, async () => {
      const error = await probeVideo(await fixture(name)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VideoError);
      expect((error as VideoError).code).toBe(code);
      expect((error as VideoError).message).toMatch(message);
    });
  }

  it('names a missing file', async () => {
    await expect(probeVideo('/nowhere/clip.mp4')).rejects.toThrow('Video file not found: /nowhere/clip.mp4');
  });
});
