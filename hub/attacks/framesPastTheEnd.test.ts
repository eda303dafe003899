import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { call, signedBatch } from '../testKit';
import { expectBatchRefused, freshSha, publishVideoTask, sampleVideoLabels, takeWork, startVideoHub, type Assigned } from '../batches/videoTestKit';
import type { AnyWallet } from '../testKit';

/**
 * Attack: labels on frames past the end of the video — a keyframe, a frame
 * tag, a segment or a single-frame box at frame ≥ frameCount, with the true
 * frame count (so the count check passes). core's canonical form throws on
 * them; the hub answers a located 400 `invalid_labels` (the item's index in
 * the body, its id, the path inside it) — never a 500 — and stores nothing.
 * The labels are signed in range and moved past the end after signing, as a
 * hostile client can send anything: the canonical form refuses them before
 * the root is even compared.
 */
describe('attack: frames past the end', () => {
  let hub: RunningHub;
  let annotator: AnyWallet;
  let token: string;
  let taskId: string;
  let video: Assigned;
  const frameCount = 100;

  beforeAll(async () => {
    let reqToken: string;
    ({ hub, annotator, token, reqToken } = await startVideoHub());
    ({ taskId } = await publishVideoTask(hub, reqToken, { videos: [{ sha256: freshSha(), width: 640, height: 360, frameCount, fps: 25 }], images: 1 }));
    [video] = (await takeWork(hub, token, taskId)).videos as [Assigned];
  }, 180_000);
  afterAll(async () => hub?.close());

  async function refusedWith(edit: (labels: ReturnType<typeof sampleVideoLabels>) => void, path: RegExp) {
    const signed = await signedBatch(hub, annotator, taskId, [{ itemId: video.itemId, ...sampleVideoLabels(frameCount) }]);
    const labels = { shapes: signed.items[0]!.shapes, video: signed.items[0]!.video! };
    edit(labels);
    const message = await expectBatchRefused(hub, token, signed, 400, 'invalid_labels');
    expect(message).toContain(`items[0] (item "${video.itemId}")`);
    expect(message).toMatch(path);
    return message;
  }

  it('a keyframe past the end', async () => {
    const message = await refusedWith((l) => {
      l.video.tracks[0]!.keyframes.push({ frame: frameCount, box: { x: 1, y: 1, w: 2, h: 2 } });
    }, /video\.tracks\[0\]\.keyframes\[\d+\]\.frame is frame 100, but the video has 100 frames/);
    expect(message).not.toMatch(/root/);
  });

  it('a frame tag past the end', async () => {
    await refusedWith((l) => {
      l.video.frameTags[0]!.endFrame = frameCount + 40;
    }, /video\.frameTags\[0\]\.endFrame is frame 140/);
  });

  it('a segment past the end', async () => {
    await refusedWith((l) => {
      l.video.segments[l.video.segments.length - 1]!.endFrame = frameCount;
    }, /video\.segments\[1\]\.endFrame is frame 100/);
  });

  it('a single-frame box past the end, named by its index in the body', async () => {
    await refusedWith((l) => {
      l.shapes.push({ className: 'car', box: { x: 1, y: 1, w: 2, h: 2 }, frame: 5000 });
    }, /shapes\[1\]\.frame is 5000, but the video has 100 frames/);
  });

  it('the last frame itself is in range: the untouched labels are taken', async () => {
    const signed = await signedBatch(hub, annotator, taskId, [{ itemId: video.itemId, ...sampleVideoLabels(frameCount) }]);
    expect((await call(hub, 'POST', '/batches', { token, json: signed })).status).toBe(200);
  });
});
