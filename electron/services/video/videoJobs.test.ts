// The 'shots' and 'autotrack' jobs end to end: real services, real ffmpeg,
// real engine worker running the test model, driven through the real proxy.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryTransport } from '../../common/contract/memoryTransport';
import { AutoTrackResultSchema, ShotsResultSchema } from '../../common/services';
import { createServices, type Services } from '../createServices';
import { contractClients } from '../testSupport/contractClients';
import { tempDir } from '../testSupport/fixtureImages';
import { placeVideo } from '../testSupport/fixtureVideos';
import { runJob } from '../testSupport/runJob';
import { expectedPredictionsFor, installTestModel, TEST_MODEL_ID } from '../testSupport/testModel';

let services: Services | undefined;
afterEach(() => services?.dispose());

async function setup() {
  const dataDir = await tempDir('video-jobs-data');
  await installTestModel(path.join(dataDir, 'models'));
  services = await createServices({ dataDir, host: { kind: 'browser', version: '1.0.0', electronVersion: null } });
  const clients = contractClients(createMemoryTransport(services.dispatcher));
  const mediaDir = await tempDir('video-jobs-media');
  const { rootId } = await clients.media.openFolder({ path: mediaDir });
  return { mediaDir, rootId, clients };
}

const thresholds = { confidence: 0.25, iou: 0.45 };

describe('shots job', () => {
  it('splits a two-shot video at the cut and keeps every frame\'s score', async () => {
    const { mediaDir, rootId, clients } = await setup();
    await placeVideo('twoShots', mediaDir, 'two.mp4');
    const { final, info } = await runJob(clients, { kind: 'shots', rootId, relPath: 'two.mp4', threshold: 0.3 });
    expect(final).toMatchObject({ state: 'succeeded', done: 120, total: 120 });
    const result = ShotsResultSchema.parse(info.result);
    expect(result.segments.map((s) => [s.startFrame, s.endFrame])).toEqual([
      [0, 59],
      [60, 119],
    ]);
    expect(result.segments[0]!.score).toBe(0);
    expect(result.segments[1]!.score).toBeGreaterThan(0.3);
    expect(result.scores).toHaveLength(120);
    expect(Math.max(...result.scores.filter((_, i) => i !== 60))).toBeLessThan(0.3);
  });

  it('fails with the probe\'s reason for a file that is not a video, and stops when cancelled', async () => {
    const { mediaDir, rootId, clients } = await setup();
    await writeFile(path.join(mediaDir, 'notes.mp4'), 'text');
    const bad = await runJob(clients, { kind: 'shots', rootId, relPath: 'notes.mp4', threshold: 0.3 });
    expect(bad.final).toMatchObject({ state: 'failed', error: expect.stringMatching(/^Not a video file: notes\.mp4/) as string });

    await placeVideo('twoShots', mediaDir, 'two.mp4');
    const cancelled = await runJob(clients, { kind: 'shots', rootId, relPath: 'two.mp4', threshold: 0.3 }, (info, jobId) => {
      if (info.state === 'running') void clients.jobs.cancel({ jobId });
    });
    expect(cancelled.final.state).toBe('cancelled');
    expect(cancelled.info.result).toBeUndefined();
  });
});

describe('autotrack job', () => {
  it('runs the detector every k-th frame and links the detections into one track per object', async () => {
    const { mediaDir, rootId, clients } = await setup();
    await placeVideo('fourSeconds', mediaDir, 'clip.mp4');
    const params = { kind: 'autotrack' as const, rootId, relPath: 'clip.mp4', modelId: TEST_MODEL_ID, thresholds, everyK: 10, startFrame: 5, endFrame: 65 };
    const { final, info, changes } = await runJob(clients, params);
    expect(final).toMatchObject({ state: 'succeeded', done: 7, total: 7, failed: 0 });
    expect(changes.some((c) => c.state === 'running' && /^\d\/7 · ~\d+ s left$/.test(c.message))).toBe(true);
    const result = AutoTrackResultSchema.parse(info.result);
    // The constant head finds the same cat and dog on every frame: two tracks, keyframes at the detection frames.
    const expected = expectedPredictionsFor(320, 240);
    expect(result.tracks.map((t) => t.className)).toEqual(['cat', 'dog']);
    result.tracks.forEach((track, i) => {
      expect(track.keyframes.map((k) => k.frame)).toEqual([5, 15, 25, 35, 45, 55, 65]);
      for (const keyframe of track.keyframes) {
        expect(keyframe.score).toBeCloseTo(expected[i]!.score, 5);
        for (const key of ['x', 'y', 'w', 'h'] as const) expect(keyframe.box[key]).toBeCloseTo(expected[i]!.box[key], 3);
      }
    });
  });

  it('skips a frame that does not decode, counts it as failed, and keeps the tracks going across it', async () => {
    const { mediaDir, rootId, clients } = await setup();
    // Packets 44–46 of this clip are overwritten: frames 44–58 do not decode.
    await placeVideo('corrupt', mediaDir, 'damaged.mp4');
    const params = { kind: 'autotrack' as const, rootId, relPath: 'damaged.mp4', modelId: TEST_MODEL_ID, thresholds, everyK: 10, startFrame: 0, endFrame: 119 };
    const { final, info } = await runJob(clients, params);
    expect(final).toMatchObject({ state: 'succeeded', done: 12, total: 12, failed: 1 });
    const result = AutoTrackResultSchema.parse(info.result);
    expect(result.tracks.map((t) => [t.className, t.keyframes.map((k) => k.frame)])).toEqual(
      ['cat', 'dog'].map((className) => [className, [0, 10, 20, 30, 40, 60, 70, 80, 90, 100, 110]]),
    );
  });

  it('stops between frames when cancelled, and refuses a range past the last frame', async () => {
    const { mediaDir, rootId, clients } = await setup();
    await placeVideo('fourSeconds', mediaDir, 'clip.mp4');
    const base = { kind: 'autotrack' as const, rootId, relPath: 'clip.mp4', modelId: TEST_MODEL_ID, thresholds, everyK: 1, startFrame: 0 };
    const cancelled = await runJob(clients, { ...base, endFrame: 119 }, (info, jobId) => {
      if (info.done >= 2) void clients.jobs.cancel({ jobId });
    });
    expect(cancelled.final.state).toBe('cancelled');
    expect(cancelled.final.done).toBeLessThan(120);
    expect(cancelled.info.result).toBeUndefined();

    const pastEnd = await runJob(clients, { ...base, endFrame: 120 });
    expect(pastEnd.final).toMatchObject({ state: 'failed', error: 'endFrame 120 is past the last frame (119) of "clip.mp4"' });
    const unknownModel = await runJob(clients, { ...base, endFrame: 10, modelId: 'nope' });
    expect(unknownModel.final).toMatchObject({ state: 'failed', error: expect.stringMatching(/no manifest declares model 'nope'/) as string });
  });
});
