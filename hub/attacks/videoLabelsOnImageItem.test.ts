import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { box, signedBatch } from '../testKit';
import { expectBatchRefused, freshSha, publishVideoTask, sampleVideoLabels, takeWork, startVideoHub, type Assigned } from '../batches/videoTestKit';
import type { AnyWallet } from '../testKit';

/**
 * Attack: an annotator sends video labels (tracks, tags, segments, boxes on
 * frames) for an image item — labels no image consensus can compare, and a
 * version-2 leaf where the item's lineage expects version 1. Refused with
 * 400 `video_labels_on_image`, naming the item, in an image-only task (no
 * query: the task is known to hold no video) and in a mixed one (checked
 * against the item row); nothing is stored.
 */
describe('attack: video labels on an image item', () => {
  let hub: RunningHub;
  let annotator: AnyWallet;
  let token: string;
  let reqToken: string;

  beforeAll(async () => {
    ({ hub, annotator, token, reqToken } = await startVideoHub());
  }, 180_000);
  afterAll(async () => hub?.close());

  it('in an image-only task', async () => {
    const { taskId } = await publishVideoTask(hub, reqToken, { videos: [], images: 2 });
    const { images } = await takeWork(hub, token, taskId);
    const labels = sampleVideoLabels(120);
    const signed = await signedBatch(hub, annotator, taskId, [
      { itemId: images[0]!.itemId, shapes: [box('car', 1, 2)] },
      { itemId: images[1]!.itemId, shapes: labels.shapes, video: labels.video },
    ]);
    const message = await expectBatchRefused(hub, token, signed, 400, 'video_labels_on_image');
    expect(message).toContain(images[1]!.itemId);
  });

  it('in a task with video and image items, even when the video item is labeled right', async () => {
    const { taskId } = await publishVideoTask(hub, reqToken, { videos: [{ sha256: freshSha(), width: 640, height: 360, frameCount: 120, fps: 25 }], images: 1 });
    const work = await takeWork(hub, token, taskId);
    const [video] = work.videos as [Assigned];
    const [image] = work.images as [Assigned];
    const labels = sampleVideoLabels(120);
    const signed = await signedBatch(hub, annotator, taskId, [
      { itemId: video.itemId, shapes: labels.shapes, video: labels.video },
      { itemId: image.itemId, shapes: [], video: { frameCount: 120, tracks: [], frameTags: [{ className: 'car', startFrame: 0, endFrame: 10 }], segments: [] } },
    ]);
    const message = await expectBatchRefused(hub, token, signed, 400, 'video_labels_on_image');
    expect(message).toContain(image.itemId);
    expect(message).not.toContain(video.itemId);
    // The same video labels alone are taken.
    const alone = await signedBatch(hub, annotator, taskId, [{ itemId: video.itemId, shapes: labels.shapes, video: labels.video }]);
    const { call } = await import('../testKit');
    expect((await call(hub, 'POST', '/batches', { token, json: alone })).status).toBe(200);
  });
});
