import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalVideoLabels } from '../../core/sync/canonicalVideo';
import { SYNC_LIMITS } from '../../core/sync/wireSchemas';
import { DEFAULTS } from '../config';
import type { RunningHub } from '../startHub';
import { call, signedBatch } from '../testKit';
import { expectBatchRefused, freshSha, publishVideoTask, takeWork, startVideoHub, type Assigned } from '../batches/videoTestKit';
import type { AnyWallet } from '../testKit';

/**
 * Attack: one submission floods the hub with video records — keyframes (the
 * cost of consensus is frames × tracks), tracks, frame tags or segments —
 * or a body past the batch limit. core's SYNC_LIMITS bound each per item;
 * the hub counts them before the schema walks the records (413
 * `batch_too_large`, naming the item), the wire schema holds the same
 * bounds (400 `invalid_body`), and the HTTP body limit (16 MiB) stops the
 * rest (413). Nothing is stored. An item at every limit at once still fits
 * in one batch body and is taken.
 */
describe('attack: a keyframe flood', () => {
  let hub: RunningHub;
  let annotator: AnyWallet;
  let token: string;
  let taskId: string;
  let videos: Assigned[];
  const frameCount = 60_000;

  beforeAll(async () => {
    let reqToken: string;
    ({ hub, annotator, token, reqToken } = await startVideoHub());
    const spec = () => ({ sha256: freshSha(), width: 1280, height: 720, frameCount, fps: 30 });
    ({ taskId } = await publishVideoTask(hub, reqToken, { videos: [spec(), spec(), spec()] }));
    ({ videos } = await takeWork(hub, token, taskId));
    expect(videos).toHaveLength(3);
  }, 180_000);
  afterAll(async () => hub?.close());

  const box = (i: number) => ({ x: (i * 7) % 1200, y: (i * 3) % 700, w: 40.5, h: 30.25 });
  /** `tracks` tracks of `perTrack` keyframes each, on distinct frames. */
  function tracks(count: number, perTrack: number): CanonicalVideoLabels['tracks'] {
    return Array.from({ length: count }, (_, t) => ({ className: t % 2 ? 'car' : 'person', keyframes: Array.from({ length: perTrack }, (_, k) => ({ frame: k, box: box(t + k) })) }));
  }
  const labels = (over: Partial<CanonicalVideoLabels>): CanonicalVideoLabels => ({ frameCount, tracks: [], frameTags: [], segments: [], ...over });

  async function sendFlood(video: CanonicalVideoLabels) {
    // Signed over a small labelling, then the flood put in its place: the hub refuses it on size before any hashing.
    const signed = await signedBatch(hub, annotator, taskId, [{ itemId: videos[0]!.itemId, shapes: [], video: labels({}) }]);
    signed.items[0]!.video = video;
    return signed;
  }

  it('one track of more keyframes than an item may carry', async () => {
    const message = await expectBatchRefused(hub, token, await sendFlood(labels({ tracks: tracks(1, SYNC_LIMITS.maxKeyframesPerItem + 1) })), 413, 'batch_too_large');
    expect(message).toContain('items[0].video has 50001 keyframes');
  });

  it('keyframes spread over many tracks, each under the per-track bound', async () => {
    await expectBatchRefused(hub, token, await sendFlood(labels({ tracks: tracks(100, 501) })), 413, 'batch_too_large');
  });

  it('a track flood, frame tags and segments past their bounds', async () => {
    const message = await expectBatchRefused(hub, token, await sendFlood(labels({ tracks: tracks(SYNC_LIMITS.maxTracksPerItem + 1, 1) })), 413, 'batch_too_large');
    expect(message).toContain(`${SYNC_LIMITS.maxTracksPerItem + 1} tracks, more than ${SYNC_LIMITS.maxTracksPerItem}`);
    const tags = Array.from({ length: SYNC_LIMITS.maxFrameTagsPerItem + 1 }, (_, i) => ({ className: 'car', startFrame: i * 3, endFrame: i * 3 }));
    await expectBatchRefused(hub, token, await sendFlood(labels({ frameTags: tags })), 413, 'batch_too_large');
    const segments = Array.from({ length: SYNC_LIMITS.maxSegmentsPerItem + 1 }, (_, i) => ({ startFrame: i, endFrame: i }));
    await expectBatchRefused(hub, token, await sendFlood(labels({ segments })), 413, 'batch_too_large');
  });

  it('the wire schema holds the same bounds (a verifier that skipped the count still refuses)', async () => {
    const { SignedBatchUploadSchema } = await import('../../core/sync/wireSchemas');
    const flood = await sendFlood(labels({ tracks: tracks(2, 25_001) }));
    expect(SignedBatchUploadSchema.safeParse(flood).success).toBe(false);
    const tooManyTags = await sendFlood(labels({ segments: [{ startFrame: 0, endFrame: frameCount - 1, tags: Array.from({ length: SYNC_LIMITS.maxTagsPerSegment + 1 }, (_, i) => `t${i}`) }] }));
    expect(await expectBatchRefused(hub, token, tooManyTags, 400, 'invalid_body')).toContain('tags');
  });

  it('a body past the batch limit (16 MiB) is a 413 before it is parsed', async () => {
    expect(hub.context.config.batchBodyLimit).toBe(DEFAULTS.batchBodyLimit);
    // 20 items of 40,000 keyframes: each item in bounds, the body past 16 MiB.
    const signed = await signedBatch(hub, annotator, taskId, [{ itemId: videos[0]!.itemId, shapes: [], video: labels({}) }]);
    const flood = { ...signed, items: Array.from({ length: 20 }, (_, i) => ({ itemId: `x${i}`, shapes: [], video: labels({ tracks: tracks(40, 1000) }) })) };
    expect(JSON.stringify(flood).length).toBeGreaterThan(DEFAULTS.batchBodyLimit);
    const res = await call<{ error: string }>(hub, 'POST', '/batches', { token, json: flood });
    expect(res.status).toBe(413);
  });

  it('refuses tracks whose consensus would cost more than the work bound (tracks × visible track-frames), naming the bound', async () => {
    // 300 tracks that never leave the frame over 60,000 frames: 300 × 18,000,000 — cheap to send, hours of per-frame IoU for the hub.
    const signed = await signedBatch(hub, annotator, taskId, [{ itemId: videos[0]!.itemId, shapes: [], video: labels({}) }]);
    signed.items[0]!.video = labels({ tracks: tracks(300, 1) });
    const res = await call<{ error: string; message: string }>(hub, 'POST', '/batches', { token, json: signed });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(`more than ${SYNC_LIMITS.maxConsensusWork}`);
    expect(res.body.message).toContain('split the video into shorter clips');
  });

  it('takes an item at every limit at once: 500 tracks (each leaving the frame after its keyframes) and 50,000 keyframes, 10,000 frame tags and 10,000 segments fit one batch body', async () => {
    const perTrack = SYNC_LIMITS.maxKeyframesPerItem / SYNC_LIMITS.maxTracksPerItem;
    const leaving = tracks(SYNC_LIMITS.maxTracksPerItem, perTrack).map((t) => ({ ...t, keyframes: t.keyframes.map((k, i) => (i === perTrack - 1 ? { ...k, outside: true as const } : k)) }));
    const full = labels({
      tracks: leaving,
      frameTags: Array.from({ length: SYNC_LIMITS.maxFrameTagsPerItem }, (_, i) => ({ className: i % 2 ? 'car' : 'person', startFrame: i * 6, endFrame: i * 6 + 2 })),
      segments: Array.from({ length: SYNC_LIMITS.maxSegmentsPerItem }, (_, i) => ({ startFrame: i * 6, endFrame: i === SYNC_LIMITS.maxSegmentsPerItem - 1 ? frameCount - 1 : i * 6 + 5, ...(i % 3 ? {} : { tags: ['car'] }) })),
    });
    const signed = await signedBatch(hub, annotator, taskId, [{ itemId: videos[1]!.itemId, shapes: [], video: full }]);
    const size = JSON.stringify(signed).length;
    expect(size).toBeLessThan(DEFAULTS.batchBodyLimit / 3);
    console.log(`an item at every video limit is a ${(size / 1024 / 1024).toFixed(2)} MiB batch body (limit ${DEFAULTS.batchBodyLimit / 1024 / 1024} MiB)`);
    const res = await call(hub, 'POST', '/batches', { token, json: signed });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  }, 120_000);
});
