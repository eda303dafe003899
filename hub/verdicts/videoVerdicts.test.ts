import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemLabelHash } from '../../core/sync/canonicalLabels';
import { normalizeVideoLabels } from '../../core/sync/canonicalVideo';
import { CLIP, clipLabels, twoClips } from '../consensus/videoTestLabels';
import { call, startTestHub } from '../testKit';
import { buildVideoReviewScenario, type VideoReviewScenario } from './videoReviewScenario';
import { signedVerdict } from './verdictTestKit';

interface VideoDispute {
  itemId: string;
  video: { frameCount: number; fps: number } | null;
  submissions: { annotator: string; shapes: unknown[]; video?: unknown }[];
  proposal: { labels: unknown[]; clusters: unknown[]; video: unknown; trackClusters: { members: { annotator: string; trackIndex: number }[]; accepted: boolean }[]; disputedParts: string[] };
}

describe('video disputes and verdicts', () => {
  let s: VideoReviewScenario;
  const address = (i: number) => s.annotators[i]!.wallet.address;

  beforeAll(async () => {
    s = await buildVideoReviewScenario(startTestHub);
  }, 180_000);
  afterAll(async () => s?.hub.close(), 180_000);

  it("lists the disputed clip to a reviewer with every submission's shapes and video, the video proposal and the clip's frames", async () => {
    const res = await call<{ disputes: VideoDispute[] }>(s.hub, 'GET', `/disputes?taskId=${s.taskId}`, { token: s.reviewer.token });
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(200);
    expect(res.body.disputes.map((d) => d.itemId)).toEqual([s.items.disputed]);
    const d = res.body.disputes[0]!;
    expect(d.video).toEqual({ frameCount: CLIP.frameCount, fps: CLIP.fps });
    expect(d.submissions.map((x) => x.annotator).sort()).toEqual([0, 1, 2].map(address).sort());
    for (const sub of d.submissions) {
      const i = [0, 1, 2].find((k) => address(k) === sub.annotator)!;
      expect(sub.video).toEqual(normalizeVideoLabels(twoClips(i, 1).video));
      expect(sub.shapes).toEqual(twoClips(i, 1).shapes);
    }
    expect(d.proposal.disputedParts).toEqual(['segments']);
    // The tracks agree: one accepted cluster of all three, each member pointing at its submission's track 0.
    expect(d.proposal.trackClusters).toHaveLength(1);
    expect(d.proposal.trackClusters[0]!.accepted).toBe(true);
    expect(d.proposal.trackClusters[0]!.members.map((m) => m.trackIndex)).toEqual([0, 0, 0]);
    expect((d.proposal.trackClusters[0] as { track?: unknown }).track).toEqual(normalizeVideoLabels(clipLabels().video).tracks[0]);
    expect(d.proposal.video).toMatchObject({ frameCount: CLIP.frameCount, tracks: normalizeVideoLabels(clipLabels().video).tracks });
    expect(d.proposal.labels).toEqual(clipLabels().shapes);
    expect(d.proposal.clusters.length).toBeGreaterThan(0);
  });

  it('never lists the clip to a reviewer who labeled it', async () => {
    expect((await call(s.hub, 'POST', `/accounts/${address(0)}/roles`, { token: s.operatorToken, json: { role: 'reviewer' } })).status).toBe(200);
    const res = await call<{ disputes: VideoDispute[] }>(s.hub, 'GET', `/disputes?taskId=${s.taskId}`, { token: s.annotators[0]!.token });
    expect(res.status).toBe(200);
    expect(res.body.disputes).toEqual([]);
  });

  it('resolves the clip with a signed video verdict: final video labels stored, the annotators who agree with them named', async () => {
    const final = clipLabels();
    const signed = await signedVerdict(s.hub, s.reviewer.wallet, s.taskId, s.items.disputed, final.shapes, { video: final.video });
    const res = await call<{ status: string; duplicate: boolean; agreeingAnnotators: string[] }>(s.hub, 'POST', '/verdicts', { token: s.reviewer.token, json: signed });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Annotators 0 and 2 tagged the shots as the verdict does; annotator 1 swapped them.
    expect(res.body).toMatchObject({ status: 'resolved', duplicate: false, agreeingAnnotators: [address(0), address(2)].sort() });
    expect(signed.verdict.labelsHash).toBe(itemLabelHash(s.items.disputed, final.shapes, final.video));

    const item = await call<{ status: string; consensus: Record<string, unknown> & { proposal: { disputedParts: string[] } } }>(s.hub, 'GET', `/items/${s.items.disputed}`, { token: s.operatorToken });
    expect(item.body.status).toBe('resolved');
    expect(item.body.consensus).toMatchObject({ status: 'resolved', kind: 'video', labels: final.shapes, video: normalizeVideoLabels(final.video), agreeingAnnotators: [address(0), address(2)].sort() });
    expect(item.body.consensus.proposal.disputedParts).toEqual(['segments']);

    const own = await call<{ consensus: { video: unknown }; yourSubmission: { agreesWithFinal: boolean } }>(s.hub, 'GET', `/items/${s.items.disputed}`, { token: s.annotators[1]!.token });
    expect(own.body.consensus.video).toEqual(normalizeVideoLabels(final.video));
    expect(own.body.yourSubmission.agreesWithFinal).toBe(false);

    const again = await call<{ duplicate: boolean; agreeingAnnotators: string[] }>(s.hub, 'POST', '/verdicts', { token: s.reviewer.token, json: signed });
    expect(again.body).toMatchObject({ duplicate: true, agreeingAnnotators: [address(0), address(2)].sort() });
    const listed = await call<{ disputes: VideoDispute[] }>(s.hub, 'GET', `/disputes?taskId=${s.taskId}`, { token: s.reviewer.token });
    expect(listed.body.disputes).toEqual([]);
  });
});
