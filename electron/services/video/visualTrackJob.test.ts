// The 'autotrack' job without a model, end to end: real services with no
// detector installed, real ffmpeg, videos made from real photographs
// (native/video/testSupport/photoScene.ts), driven through the real proxy.
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { iou } from '../../../core/geometry/box';
import { photoScene } from '../../../native/video/testSupport/photoScene';
import { createMemoryTransport } from '../../common/contract/memoryTransport';
import { AutoTrackResultSchema } from '../../common/services';
import { createServices, type Services } from '../createServices';
import { contractClients } from '../testSupport/contractClients';
import { tempDir } from '../testSupport/fixtureImages';
import { runJob } from '../testSupport/runJob';

let services: Services | undefined;
afterEach(() => services?.dispose());

async function setup() {
  const dataDir = await tempDir('visual-track-data');
  services = await createServices({ dataDir, host: { kind: 'browser', version: '1.0.0', electronVersion: null } });
  const clients = contractClients(createMemoryTransport(services.dispatcher));
  const mediaDir = await tempDir('visual-track-media');
  const { rootId } = await clients.media.openFolder({ path: mediaDir });
  return { mediaDir, rootId, clients };
}

describe('autotrack job, visual tracker (no model installed)', () => {
  it('follows the drawn box from the start frame with keyframes every k frames, in video pixels', { timeout: 120_000 }, async () => {
    const { mediaDir, rootId, clients } = await setup();
    const scene = await photoScene({ kind: 'occluded', width: 640, height: 360, frames: 150 });
    await copyFile(scene.path, path.join(mediaDir, 'rock.mp4'));
    const params = { kind: 'autotrack' as const, rootId, relPath: 'rock.mp4', everyK: 10, startFrame: 20, endFrame: 140, target: { box: scene.truth[20]!, className: 'rock' } };
    const { final, info } = await runJob(clients, params);
    expect(final).toMatchObject({ state: 'succeeded', done: 120, total: 120, failed: 0 });
    const [track, ...others] = AutoTrackResultSchema.parse(info.result).tracks;
    expect(others).toHaveLength(0);
    expect(track!.className).toBe('rock');
    expect(track!.endFrame).toBeUndefined();
    expect(track!.keyframes.map((k) => k.frame)).toEqual([20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140]);
    expect(track!.keyframes[0]!.box).toEqual(scene.truth[20]);
    for (const k of track!.keyframes) expect(iou(k.box, scene.truth[k.frame]!)).toBeGreaterThan(0.6);
  });

  it('ends the track where the object disappears behind a wall and stops there', { timeout: 120_000 }, async () => {
    const { mediaDir, rootId, clients } = await setup();
    const scene = await photoScene({ kind: 'vanishing', width: 640, height: 360, frames: 120 });
    await copyFile(scene.path, path.join(mediaDir, 'gone.mp4'));
    const params = { kind: 'autotrack' as const, rootId, relPath: 'gone.mp4', everyK: 5, startFrame: 0, endFrame: 119, target: { box: scene.truth[0]!, className: 'rock' } };
    const { final, info } = await runJob(clients, params);
    expect(final.state).toBe('succeeded');
    const track = AutoTrackResultSchema.parse(info.result).tracks[0]!;
    const firstHidden = scene.truth.findIndex((b) => b === null);
    expect(track.endFrame).toBeGreaterThan(scene.visible.findIndex((v) => v < 0.75) - 1);
    expect(track.endFrame).toBeLessThanOrEqual(firstHidden);
    expect(track.keyframes.at(-1)!.frame).toBeLessThan(track.endFrame!);
  });

  it('refuses a job without a box to follow, and stops when cancelled', { timeout: 120_000 }, async () => {
    const { mediaDir, rootId, clients } = await setup();
    const scene = await photoScene({ kind: 'occluded', width: 640, height: 360, frames: 150 });
    await copyFile(scene.path, path.join(mediaDir, 'rock.mp4'));
    const base = { kind: 'autotrack' as const, rootId, relPath: 'rock.mp4', everyK: 1, startFrame: 0, endFrame: 149 };
    const noBox = await runJob(clients, base);
    expect(noBox.final).toMatchObject({ state: 'failed', error: expect.stringMatching(/needs the box to follow/) as string });
    const detectorWithoutModel = await runJob(clients, { ...base, tracker: 'detector' });
    expect(detectorWithoutModel.final).toMatchObject({ state: 'failed', error: expect.stringMatching(/needs a model/) as string });

    const cancelled = await runJob(clients, { ...base, target: { box: scene.truth[0]!, className: 'rock' } }, (info, jobId) => {
      if (info.done >= 2) void clients.jobs.cancel({ jobId });
    });
    expect(cancelled.final.state).toBe('cancelled');
    expect(cancelled.final.done).toBeLessThan(149);
    expect(cancelled.info.result).toBeUndefined();
  });
});
