// The video service against the real frame server (real ffmpeg/ffprobe),
// through the real proxy over the in-memory transport.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryTransport } from '../../common/contract/memoryTransport';
import { createServices, type Services } from '../createServices';
import { contractClients } from '../testSupport/contractClients';
import { tempDir } from '../testSupport/fixtureImages';
import { frameCacheBytesFromEnv } from './frameCacheCap';
import { framePackBudgetFromEnv, framePackNicenessFromEnv } from './frameServerOptions';
import { frameIndexOf, placeVideo } from '../testSupport/fixtureVideos';

let services: Services | undefined;
afterEach(() => services?.dispose());

async function setup() {
  const dataDir = await tempDir('video-data');
  services = await createServices({ dataDir, host: { kind: 'browser', version: '1.0.0', electronVersion: null }, video: { frameCacheBytes: 8 << 20 } });
  const clients = contractClients(createMemoryTransport(services.dispatcher));
  const mediaDir = await tempDir('video-media');
  const { rootId } = await clients.media.openFolder({ path: mediaDir });
  return { dataDir, mediaDir, rootId, clients };
}

describe('video service', () => {
  it('serves exactly the frame asked for, in any order and direction', async () => {
    const { mediaDir, rootId, clients } = await setup();
    await placeVideo('fourSeconds', mediaDir, 'pattern.mp4');
    const relPath = 'pattern.mp4';
    expect((await clients.video.probe({ rootId, relPath })).keyframes).toEqual([0, 30, 60, 90]);
    // Jumps across keyframes, a forward run, a backward run, the last frame, and repeats (served from the cache).
    const frames = [119, 0, 31, 29, 30, 60, 59, 1, 2, 3, 4, 5, 100, 99, 98, 97, 118, 119, 0];
    for (const [i, frame] of frames.entries()) {
      const direction = i >= 7 && i <= 11 ? 'forward' : i >= 12 && i <= 15 ? 'backward' : 'none';
      const image = await clients.video.getFrame({ rootId, relPath, frame, direction });
      expect(image.bytes, `frame ${frame}`).not.toBeNull();
      expect(await frameIndexOf(image.bytes!), `frame ${frame}`).toBe(frame);
    }
  });

  it('makes the frame pack of a video the workbench probes and serves exact frames from it; a bad video gets no pack, named by its relative path', async () => {
    const { mediaDir, rootId, clients } = await setup();
    await placeVideo('fourSeconds', mediaDir, 'clips/p.mp4');
    await placeVideo('notVideo', mediaDir, 'clips/bad.mp4');
    await clients.video.probe({ rootId, relPath: 'clips/p.mp4' });
    const engine = services!.videoEngine;
    expect(await engine.preparePack(await engine.resolve(rootId, 'clips/p.mp4'))).toEqual({ state: 'ready', frames: 120 });
    expect((await readdir(path.join(engine.cacheDir, 'packs'))).sort()).toEqual([expect.stringMatching(/\.frames$/), expect.stringMatching(/\.json$/)]);
    for (const frame of [119, 3, 60, 59]) {
      const image = await clients.video.getFrame({ rootId, relPath: 'clips/p.mp4', frame, direction: 'none' });
      expect(await frameIndexOf(image.bytes!), `frame ${frame}`).toBe(frame);
    }
    const refused = await engine.preparePack(await engine.resolve(rootId, 'clips/bad.mp4'));
    expect(refused).toMatchObject({ state: 'refused', reason: expect.stringMatching(/^Not a video file: clips\/bad\.mp4/) });
  });

  it('caches the keyframe index on disk under <dataDir>/cache/video', async () => {
    const { dataDir, mediaDir, rootId, clients } = await setup();
    await placeVideo('short', mediaDir, 'p.mp4');
    await clients.video.probe({ rootId, relPath: 'p.mp4' });
    expect(services!.videoEngine.cacheDir).toBe(path.join(path.resolve(dataDir), 'cache', 'video'));
    expect((await readdir(path.join(services!.videoEngine.cacheDir, 'index'))).length).toBe(1);
  });

  it('refuses bad videos with the engine\'s reason, naming the file by its path in the media folder', async () => {
    const { mediaDir, rootId, clients } = await setup();
    const cases = [
      ['truncated', 'truncated.mp4', 'truncated', /^Truncated video: /],
      ['notVideo', 'notes.mp4', 'not-video', /^Not a video file: /],
      ['audioOnly', 'audio.m4v', 'no-video-stream', /^No video stream in /],
      ['zeroFrames', 'sub/zero.mp4', 'zero-frames', /^The video has no frames: /],
    ] as const;
    for (const [name, relPath] of cases) await placeVideo(name, mediaDir, relPath);
    for (const [, relPath, code, message] of cases) {
      const error = (await clients.video.probe({ rootId, relPath }).catch((e: unknown) => e)) as Error & { remoteName: string; details: unknown };
      expect(error.message, relPath).toMatch(message);
      expect(error.message).toContain(relPath);
      expect(error.message).not.toContain(mediaDir);
      expect(error).toMatchObject({ remoteName: 'VideoError', details: { code } });
      await expect(clients.video.getFrame({ rootId, relPath, frame: 0, direction: 'none' })).rejects.toMatchObject({ details: { code } });
    }
  });

  it('reads the frame cache cap from GROUNDWORK_FRAME_CACHE_MB and refuses a bad value', () => {
    expect(frameCacheBytesFromEnv({})).toBe(512 * 1024 * 1024);
    expect(frameCacheBytesFromEnv({ GROUNDWORK_FRAME_CACHE_MB: '64' })).toBe(64 * 1024 * 1024);
    expect(() => frameCacheBytesFromEnv({ GROUNDWORK_FRAME_CACHE_MB: 'lots' })).toThrow('GROUNDWORK_FRAME_CACHE_MB must be a positive number of megabytes, got "lots"');
    expect(() => frameCacheBytesFromEnv({ GROUNDWORK_FRAME_CACHE_MB: '0' })).toThrow(/positive number/);
  });

  it('reads the frame pack niceness from GROUNDWORK_FRAME_PACK_NICENESS (default 19) and refuses a bad value', () => {
    expect(framePackNicenessFromEnv({})).toBe(19);
    expect(framePackNicenessFromEnv({ GROUNDWORK_FRAME_PACK_NICENESS: '5' })).toBe(5);
    expect(() => framePackNicenessFromEnv({ GROUNDWORK_FRAME_PACK_NICENESS: '-3' })).toThrow('GROUNDWORK_FRAME_PACK_NICENESS must be a whole number from 0 to 19, got "-3"');
    expect(() => framePackNicenessFromEnv({ GROUNDWORK_FRAME_PACK_NICENESS: 'low' })).toThrow(/whole number/);
  });

  it('reads the frame packs\' disk budget from GROUNDWORK_FRAME_PACK_BUDGET_GB (default: the engine\'s 20 GiB) and refuses a bad value', () => {
    expect(framePackBudgetFromEnv({})).toBeNull();
    expect(framePackBudgetFromEnv({ GROUNDWORK_FRAME_PACK_BUDGET_GB: '2.5' })).toBe(2.5 * 1024 ** 3);
    expect(() => framePackBudgetFromEnv({ GROUNDWORK_FRAME_PACK_BUDGET_GB: '0' })).toThrow('GROUNDWORK_FRAME_PACK_BUDGET_GB must be a positive number of GiB, got "0"');
    expect(() => framePackBudgetFromEnv({ GROUNDWORK_FRAME_PACK_BUDGET_GB: 'lots' })).toThrow(/positive number/);
  });
});
