import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { call, signedBatch } from '../testKit';
import { expectBatchRefused, publishVideoTask, takeWork, startVideoHub, type Assigned } from '../batches/videoTestKit';
import { makeTestVideo, type TestVideo } from '../media/testVideo';
import type { AnyWallet } from '../testKit';

/**
 * Attack: a submission whose video labels claim another frame count than
 * the item's. Claiming a shorter video makes frames past its real end look
 * in range to the canonical form (which only knows the claimed count) and
 * shifts every "last frame" (segments end there); a longer one signs frames
 * the video does not have. The clip is real (x264, B-frames, frame count
 * read by ffprobe as a requester publishes it). Refused with 400
 * `video_frame_count_mismatch` naming the item and both counts; nothing is
 * stored; the true count is taken.
 */
describe('attack: a frame count that lies', () => {
  let hub: RunningHub;
  let annotator: AnyWallet;
  let token: string;
  let taskId: string;
  let clip: TestVideo;
  let video: Assigned;

  beforeAll(async () => {
    clip = await makeTestVideo();
    let reqToken: string;
    ({ hub, annotator, token, reqToken } = await startVideoHub());
    expect((await call(hub, 'PUT', `/media/${clip.sha256}`, { token: reqToken, body: clip.bytes })).status).toBe(201);
    ({ taskId } = await publishVideoTask(hub, reqToken, { videos: [clip] }));
    [video] = (await takeWork(hub, token, taskId)).videos as [Assigned];
  }, 180_000);
  afterAll(async () => hub?.close());

  const labelsFor = (frameCount: number, lastKeyframe: number) => ({
    frameCount,
    tracks: [{ className: 'car', keyframes: [{ frame: 0, box: { x: 1, y: 1, w: 10, h: 10 } }, { frame: lastKeyframe, box: { x: 50, y: 1, w: 10, h: 10 } }] }],
    frameTags: [],
    segments: [{ startFrame: 0, endFrame: frameCount - 1 }],
  });

  it('refuses a shorter video claimed so frames look in range', async () => {
    expect(clip.frameCount).toBe(60);
    const signed = await signedBatch(hub, annotator, taskId, [{ itemId: video.itemId, shapes: [], video: labelsFor(30, 29) }]);
    const message = await expectBatchRefused(hub, token, signed, 400, 'video_frame_count_mismatch');
    expect(message).toContain(video.itemId);
    expect(message).toContain('60 frames');
    expect(message).toContain('30 frames');
  });

  it('refuses a longer video claimed to label frames that do not exist', async () => {
    const signed = await signedBatch(hub, annotator, taskId, [{ itemId: video.itemId, shapes: [{ className: 'person', box: { x: 1, y: 1, w: 5, h: 5 }, frame: 80 }], video: labelsFor(90, 85) }]);
    const message = await expectBatchRefused(hub, token, signed, 400, 'video_frame_count_mismatch');
    expect(message).toMatch(/60 frames.*90 frames/);
  });

  it('takes the true frame count', async () => {
    const signed = await signedBatch(hub, annotator, taskId, [{ itemId: video.itemId, shapes: [], video: labelsFor(60, 59) }]);
    expect((await call(hub, 'POST', '/batches', { token, json: signed })).status).toBe(200);
  });
});
