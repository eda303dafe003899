import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VIDEO_CONSENSUS_OPTIONS } from '../../core/consensus/video/types';
import type { RunningHub } from '../startHub';
import { call, TEST_SCHEMA } from '../testKit';
import { freshSha, startVideoHub } from '../batches/videoTestKit';

/**
 * Attack: a requester publishes a video task whose consensus thresholds make
 * every item pass (acceptance 0, any track matching any other, a quorum of
 * nobody) — paying for labels that were never agreed on and burying
 * disagreement reviewers should see — or none pass (a boundary tolerance
 * past any video), so every item is a paid dispute. CreateTaskBody's schema
 * (core/hubApi/tasks.ts) bounds each threshold: the publish is a 400
 * `invalid_body` naming the field and no task is stored.
 */
describe('attack: hostile task consensus thresholds', () => {
  let hub: RunningHub;
  let reqToken: string;

  beforeAll(async () => {
    ({ hub, reqToken } = await startVideoHub());
  }, 180_000);
  afterAll(async () => hub?.close());

  const publish = (consensus: unknown) =>
    call<{ error: string; message: string; consensus?: unknown }>(hub, 'POST', '/tasks', {
      token: reqToken,
      json: { title: 'hostile', labelSchema: TEST_SCHEMA, redundancy: 3, rewardPerItem: '1000', consensus, items: [{ sha256: freshSha(), fileName: 'a.mp4', width: 640, height: 360, video: { frameCount: 300, fps: 30 } }] },
    });

  const taskCount = async () => (await hub.context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tasks'))[0]!.n;

  it.each([
    ['trackAcceptance', 0],
    ['tagAcceptance', 0],
    ['segmentAcceptance', 0],
    ['trackIouThreshold', 0],
    ['frameIouThreshold', 0],
    ['quorumShare', 1],
    ['quorumShare', -0.5],
    ['quorumShare', 0],
    ['quorumShare', 0.3],
    ['trackAcceptance', 0.1],
    ['trackIouThreshold', 0.1],
    ['boundaryTolerance', 100_000],
    ['boundaryTolerance', 2.5],
    ['keyframeTolerance', 1e9],
    ['trackAcceptance', 1.5],
    ['tagAcceptance', '0.9'],
  ])('refuses %s = %s at publish', async (field, value) => {
    const before = await taskCount();
    const res = await publish({ [field]: value });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_body');
    expect(res.body.message).toContain(`consensus.${field}`);
    expect(await taskCount()).toBe(before);
  });

  it('refuses a misspelled threshold instead of silently applying the default', async () => {
    const before = await taskCount();
    const res = await publish({ trackAcceptence: 0.9 });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('trackAcceptence');
    expect(await taskCount()).toBe(before);
  });

  it('refuses a consensus that is not an object', async () => {
    expect((await publish([0.1])).status).toBe(400);
    expect((await publish('accept-all')).status).toBe(400);
  });

  it('takes thresholds in their bounds, and the defaults fill the rest', async () => {
    const res = await publish({ trackAcceptance: 0.9, boundaryTolerance: 0 });
    expect(res.status).toBe(201);
    expect(res.body.consensus).toEqual({ ...DEFAULT_VIDEO_CONSENSUS_OPTIONS, trackAcceptance: 0.9, boundaryTolerance: 0 });
  });
});
