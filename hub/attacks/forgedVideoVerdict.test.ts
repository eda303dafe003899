import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalVideoLabels } from '../../core/sync/canonicalVideo';
import { CLIP, clipLabels } from '../consensus/videoTestLabels';
import { box, call, createTestTask, startTestHub } from '../testKit';
import { buildVideoReviewScenario, type VideoReviewScenario } from '../verdicts/videoReviewScenario';
import { labelTask, signedVerdict } from '../verdicts/verdictTestKit';

/**
 * A reviewer (or whoever holds a reviewer's signature) bends a video verdict:
 * changes the tracks after signing, signs for more frames than the clip has,
 * rules on a clip with image-only labels (no tracks, tags or segments: every
 * annotator who drew none would "agree"), or sends video labels for an image.
 * Each is refused with its own 400, and nothing is stored: no verdict row,
 * the item still disputed.
 */
describe('attack: a forged or mismatched video verdict', () => {
  let s: VideoReviewScenario;
  let imageItem: string;
  let imageTask: string;
  const verdicts = async () => Number((await s.hub.context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM verdicts'))[0]!.n);
  const statusOf = async (itemId: string) => (await call<{ status: string }>(s.hub, 'GET', `/items/${itemId}`, { token: s.operatorToken })).body.status;

  async function expectRefused(json: unknown, code: string, itemId = s.items.disputed): Promise<string> {
    const res = await call<{ error: string; message: string }>(s.hub, 'POST', '/verdicts', { token: s.reviewer.token, json });
    expect([res.status, res.body.error], JSON.stringify(res.body)).toEqual([400, code]);
    expect(await verdicts()).toBe(0);
    expect(await statusOf(itemId)).toBe('disputed');
    return res.body.message;
  }

  beforeAll(async () => {
    s = await buildVideoReviewScenario(startTestHub);
    // An image task on the same hub with one disputed item: a car, a person, a car far away.
    ({ taskId: imageTask } = await createTestTask(s.hub, s.requesterToken, 1, 3));
    const [disputedImage] = await labelTask(s.hub, imageTask, s.annotators, 1, (a) => [[box('car', 10, 10)], [box('person', 10, 10)], [box('car', 300, 300)]][a]!);
    imageItem = disputedImage!;
    expect(await statusOf(imageItem)).toBe('disputed');
  }, 180_000);
  afterAll(async () => s?.hub.close(), 120_000);

  it('refuses video labels changed after signing (labels hash mismatch)', async () => {
    const signedFor = clipLabels();
    // The uploaded segments side with annotator 1 (who swapped the shots' tags); the signature covers the other tags.
    const uploaded = clipLabels({ shotTags: [['person'], ['car']] });
    const forged = await signedVerdict(s.hub, s.reviewer.wallet, s.taskId, s.items.disputed, uploaded.shapes, { video: uploaded.video, signedVideo: signedFor.video });
    expect(await expectRefused(forged, 'labels_mismatch')).toMatch(/video labels hash to .* labels changed after signing/);
  });

  it('refuses a verdict signed for more frames than the clip has', async () => {
    const labels = clipLabels();
    const frameCount = CLIP.frameCount * 2;
    const lie: CanonicalVideoLabels = { ...labels.video, frameCount, segments: [{ startFrame: 0, endFrame: 49, tags: ['car'] }, { startFrame: 50, endFrame: frameCount - 1, tags: ['person'] }] };
    const signed = await signedVerdict(s.hub, s.reviewer.wallet, s.taskId, s.items.disputed, labels.shapes, { video: lie });
    expect(await expectRefused(signed, 'frame_count_mismatch')).toMatch(new RegExp(`frameCount is ${frameCount}, but item .* has ${CLIP.frameCount} frames`));
  });

  it('refuses an image verdict (shapes only) on a video item', async () => {
    // Version-1 labels: no frames at all (a shape with a frame needs video labels in the canonical form itself).
    const signed = await signedVerdict(s.hub, s.reviewer.wallet, s.taskId, s.items.disputed, [box('car', 10, 10)]);
    expect(await expectRefused(signed, 'image_verdict_for_video')).toMatch(/carries no video labels/);
  });

  it('refuses a video verdict on an image item', async () => {
    const labels = clipLabels();
    const signed = await signedVerdict(s.hub, s.reviewer.wallet, imageTask, imageItem, [box('car', 10, 10)], { video: labels.video });
    expect(await expectRefused(signed, 'video_verdict_for_image', imageItem)).toMatch(/is an image/);
  });
});
