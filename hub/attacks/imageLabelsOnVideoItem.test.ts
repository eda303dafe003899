import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { box, signedBatch } from '../testKit';
import { expectBatchRefused, freshSha, publishVideoTask, takeWork, startVideoHub, type Assigned } from '../batches/videoTestKit';
import type { AnyWallet } from '../testKit';

/**
 * Attack: an annotator labels a video item as if it were an image — a few
 * boxes with no tracks, tags or segments, signed in the version-1 form —
 * cheap labels that would dilute consensus on the video. The hub refuses
 * them against the item row (400 `video_labels_missing`), before anything
 * is stored; boxes with frames but no video labels are refused by the
 * canonical form itself (400 `invalid_labels`).
 */
describe('attack: image labels on a video item', () => {
  let hub: RunningHub;
  let annotator: AnyWallet;
  let token: string;
  let taskId: string;
  let video: Assigned;

  beforeAll(async () => {
    let reqToken: string;
    ({ hub, annotator, token, reqToken } = await startVideoHub());
    ({ taskId } = await publishVideoTask(hub, reqToken, { videos: [{ sha256: freshSha(), width: 640, height: 360, frameCount: 300, fps: 30 }] }));
    [video] = (await takeWork(hub, token, taskId)).videos as [Assigned];
  }, 180_000);
  afterAll(async () => hub?.close());

  it('refuses version-1 labels (boxes, no video) for a video item, naming the item and its frame count', async () => {
    const signed = await signedBatch(hub, annotator, taskId, [{ itemId: video.itemId, shapes: [box('car', 10, 20)] }]);
    const message = await expectBatchRefused(hub, token, signed, 400, 'video_labels_missing');
    expect(message).toContain(video.itemId);
    expect(message).toContain('300 frames');
  });

  it('refuses an empty image submission for a video item the same way', async () => {
    const signed = await signedBatch(hub, annotator, taskId, [{ itemId: video.itemId, shapes: [] }]);
    await expectBatchRefused(hub, token, signed, 400, 'video_labels_missing');
  });

  it('refuses boxes on frames without video labels: the canonical form has no frame count to hold them to', async () => {
    const signed = { ...(await signedBatch(hub, annotator, taskId, [{ itemId: video.itemId, shapes: [box('car', 10, 20)] }])) };
    signed.items = [{ itemId: video.itemId, shapes: [{ ...box('car', 10, 20), frame: 12 }] }];
    const message = await expectBatchRefused(hub, token, signed, 400, 'invalid_labels');
    expect(message).toMatch(/items\[0\] \(item "[^"]+"\): shapes\[0\]\.frame is 12, but the item carries no video labels/);
  });
});
