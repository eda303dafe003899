import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemLabelHash } from '../../core/sync/canonicalLabels';
import { normalizeVideoLabels } from '../../core/sync/canonicalVideo';
import { call, startTestHub } from '../testKit';
import { buildVideoReviewScenario, type VideoReviewScenario } from '../verdicts/videoReviewScenario';
import type { StoredVideoConsensus } from './storedConsensus';
import { clipLabels } from './videoTestLabels';

interface Rep {
  overall: { alpha: number; beta: number };
}

describe('video consensus on the hub: decided with the task thresholds, agreeing annotators, item views and lineage', () => {
  let s: VideoReviewScenario;
  const address = (i: number) => s.annotators[i]!.wallet.address;
  const asOperator = (itemId: string) => call<{ status: string; consensus: StoredVideoConsensus }>(s.hub, 'GET', `/items/${itemId}`, { token: s.operatorToken });

  beforeAll(async () => {
    s = await buildVideoReviewScenario(startTestHub);
  }, 180_000);
  afterAll(async () => s?.hub.close(), 180_000);

  it('accepts the clip two of three agree on: the consensus track is theirs, the drifting annotator is outvoted and not paid', async () => {
    const res = await asOperator(s.items.accepted);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const doc = res.body.consensus;
    expect(res.body.status).toBe('accepted');
    expect(doc).toMatchObject({ kind: 'video', status: 'accepted', disputedParts: [] });
    const agreed = normalizeVideoLabels(clipLabels().video);
    expect(doc.video.tracks).toEqual(agreed.tracks);
    expect(doc.video.frameTags).toEqual(agreed.frameTags);
    expect(doc.video.segments).toEqual(agreed.segments);
    expect(doc.labels).toEqual(clipLabels().shapes);
    expect(doc.agreeingAnnotators).toEqual([address(0), address(1)].sort());
    // The drifter's own track is a cluster of one, not accepted; the agreeing pair is one accepted cluster.
    const accepted = doc.trackClusters.filter((c) => c.accepted);
    expect(accepted.map((c) => c.members.map((m) => m.annotator).sort())).toEqual([[address(0), address(1)].sort()]);
    expect(doc.trackClusters.find((c) => !c.accepted)?.members).toEqual([{ annotator: address(2), trackIndex: 0 }]);
    // Dashboards and reputation read one agreement per annotator: the least of its three parts.
    const drifter = doc.annotators.find((a) => a.annotator === address(2))!;
    expect(drifter.idf1).toBeLessThan(0.5);
    expect(drifter.agreement).toBe(Math.min(drifter.idf1, drifter.tagAgreement, drifter.segmentAgreement));
    expect(doc.score).toBe(Math.min(doc.scores.tracks, doc.scores.frameTags, doc.scores.segments));
    expect(doc.options.trackAcceptance).toBeGreaterThan(0);
  });

  it('disputes the clip whose shot tags disagree, naming the part', async () => {
    const res = await asOperator(s.items.disputed);
    expect(res.body.status).toBe('disputed');
    expect(res.body.consensus).toMatchObject({ kind: 'video', status: 'disputed', disputedParts: ['segments'], agreeingAnnotators: [] });
    expect(res.body.consensus.scores.tracks).toBe(1);
  });

  it('shows an annotator the final video labels of the accepted clip and whether theirs agree; nothing of the disputed one', async () => {
    const own = await call<{ consensus: { status: string; labels: unknown; video: unknown } | null; yourSubmission: { agreesWithFinal: boolean | null } }>(s.hub, 'GET', `/items/${s.items.accepted}`, { token: s.annotators[0]!.token });
    expect(own.status).toBe(200);
    expect(own.body.consensus).toEqual({ status: 'accepted', labels: clipLabels().shapes, video: normalizeVideoLabels(clipLabels().video) });
    expect(own.body.yourSubmission.agreesWithFinal).toBe(true);
    const drifter = await call<{ yourSubmission: { agreesWithFinal: boolean | null } }>(s.hub, 'GET', `/items/${s.items.accepted}`, { token: s.annotators[2]!.token });
    expect(drifter.body.yourSubmission.agreesWithFinal).toBe(false);
    const disputed = await call<{ consensus: unknown }>(s.hub, 'GET', `/items/${s.items.disputed}`, { token: s.annotators[0]!.token });
    expect(disputed.body.consensus).toBeNull();
  });

  it('carries each signed video submission in the lineage, its hash checked over tracks, tags and segments', async () => {
    const res = await call<{ submissions: { annotator: string; labelHash: string; labelsMatchHash: boolean; shapes: unknown[]; video?: unknown }[] }>(s.hub, 'GET', `/items/${s.items.accepted}/lineage`, { token: s.requesterToken });
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(200);
    expect(res.body.submissions).toHaveLength(3);
    for (const sub of res.body.submissions) {
      expect(sub.labelsMatchHash).toBe(true);
      const i = [0, 1, 2].find((k) => address(k) === sub.annotator)!;
      const signed = clipLabels({ drift: i === 2 });
      expect(sub.video).toEqual(normalizeVideoLabels(signed.video));
      expect(sub.labelHash).toBe(itemLabelHash(s.items.accepted, signed.shapes, signed.video));
    }
  });

  it('moves reputation by the video agreement, not by the single-frame boxes alone', async () => {
    // Every annotator drew the same single-frame box: only the stored video agreement tells the drifter apart.
    const reps = await Promise.all([0, 1, 2].map(async (i) => (await call<Rep>(s.hub, 'GET', `/reputation/${address(i)}`)).body));
    // Prior Beta(2,2); the accepted clip is each one's only final item so far.
    expect(reps.map((r) => [r.overall.alpha, r.overall.beta])).toEqual([
      [3, 2],
      [3, 2],
      [2, 3],
    ]);
  });
});
