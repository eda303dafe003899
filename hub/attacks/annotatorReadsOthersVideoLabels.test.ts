import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipItem, clipLabels, type VideoItemLabels } from '../consensus/videoTestLabels';
import type { RunningHub } from '../startHub';
import { call, sha, signedBatch, signIn, startTestHub, TEST_SCHEMA, type AnyWallet } from '../testKit';
import { signedVerdict } from '../verdicts/verdictTestKit';

/** The clip's labels with its car track moved to start at `x`: a distinctive coordinate to search replies for. */
function trackAt(x: number): VideoItemLabels {
  const labels = clipLabels();
  const [track] = labels.video.tracks;
  return { ...labels, video: { ...labels.video, tracks: [{ ...track!, keyframes: track!.keyframes.map((k, i) => ({ ...k, box: { ...k.box, x: x + i * 7 } })) }] } };
}

/**
 * Blind redundancy for video: an annotator of a clip must not read the other
 * annotators' tracks, frame tags or segments (nor learn who they are) while
 * the clip waits for submissions or is disputed — the consensus proposal of
 * a disputed clip is built from their tracks — and after a verdict only the
 * final labels, never the track clusters that say who drew what.
 */
describe('attack: an annotator reads the other annotators\u2019 video labels of a clip they were assigned', () => {
  let hub: RunningHub;
  const requester = Wallet.createRandom();
  const operator = Wallet.createRandom();
  const reviewer = Wallet.createRandom();
  const others = [Wallet.createRandom(), Wallet.createRandom()];
  const attacker = Wallet.createRandom();
  const othersLabels = [trackAt(123.45), trackAt(321.5)];
  let tokens: { requester: string; operator: string; reviewer: string; attacker: string; others: string[] };
  let taskId: string;
  let itemId: string;

  /** Anything in a reply that betrays the other annotators: their addresses or the coordinates of their tracks. */
  function leaks(body: unknown): string[] {
    const text = JSON.stringify(body);
    const found: string[] = [];
    others.forEach((w, i) => {
      if (text.includes(w.address)) found.push(`annotator ${i}'s address`);
      for (const k of othersLabels[i]!.video.tracks[0]!.keyframes) if (text.includes(`"x":${k.box.x}`)) found.push(`annotator ${i}'s keyframe at x=${k.box.x}`);
    });
    return found;
  }

  async function submit(wallet: AnyWallet, token: string, labels: VideoItemLabels): Promise<void> {
    const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: 1 } });
    expect(got.body.items.map((i) => i.itemId)).toEqual([itemId]);
    const res = await call(hub, 'POST', '/batches', { token, json: await signedBatch(hub, wallet, taskId, [{ itemId, ...labels }]) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await hub.context.consensusIdle();
  }

  const readItem = () => call<{ status: string; consensus: unknown }>(hub, 'GET', `/items/${itemId}`, { token: tokens.attacker });

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address], operators: [operator.address] });
    tokens = {
      requester: await signIn(hub, requester),
      operator: await signIn(hub, operator),
      reviewer: await signIn(hub, reviewer),
      attacker: await signIn(hub, attacker),
      others: await Promise.all(others.map((w) => signIn(hub, w))),
    };
    expect((await call(hub, 'POST', `/accounts/${reviewer.address}/roles`, { token: tokens.operator, json: { role: 'reviewer' } })).status).toBe(200);
    const created = await call<{ taskId: string; items?: unknown }>(hub, 'POST', '/tasks', {
      token: tokens.requester,
      json: { title: 'blind video', labelSchema: TEST_SCHEMA, redundancy: 3, rewardPerItem: '1000', items: [clipItem(sha(Math.floor(Math.random() * 1e12) * 10), 0)] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    taskId = created.body.taskId;
    // The attacker takes the clip first, then waits for the others to submit.
    const mine = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: tokens.attacker, json: { count: 1 } });
    itemId = mine.body.items[0]!.itemId;
    for (const [i, w] of others.entries()) await submit(w, tokens.others[i]!, othersLabels[i]!);
  }, 180_000);
  afterAll(async () => hub?.close(), 120_000);

  it('reads nothing of the others while the clip waits for its own submission', async () => {
    const res = await readItem();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'open', consensus: null });
    expect(leaks(res.body)).toEqual([]);
  });

  it('reads nothing of the others once the clip is disputed (the proposal is built from their tracks)', async () => {
    await submit(attacker, tokens.attacker, clipLabels());
    const res = await readItem();
    expect(res.body).toMatchObject({ status: 'disputed', consensus: null });
    expect(leaks(res.body)).toEqual([]);
    // The leak checker does find them where they are served: the operator's full view of the proposal.
    expect(leaks((await call(hub, 'GET', `/items/${itemId}`, { token: tokens.operator })).body).length).toBeGreaterThan(0);
  });

  it('is refused the lineage and the dispute listing, which carry every submission\u2019s video', async () => {
    const lineage = await call<{ error: string }>(hub, 'GET', `/items/${itemId}/lineage`, { token: tokens.attacker });
    expect([lineage.status, lineage.body.error]).toEqual([403, 'lineage_forbidden']);
    expect(leaks(lineage.body)).toEqual([]);
    const disputes = await call(hub, 'GET', `/disputes?taskId=${taskId}`, { token: tokens.attacker });
    expect(disputes.status).toBe(403);
    expect(leaks(disputes.body)).toEqual([]);
  });

  it('after the verdict, reads the final video labels only: no track clusters, no other annotator', async () => {
    const final = clipLabels();
    const verdict = await call(hub, 'POST', '/verdicts', { token: tokens.reviewer, json: await signedVerdict(hub, reviewer, taskId, itemId, final.shapes, { video: final.video }) });
    expect(verdict.status, JSON.stringify(verdict.body)).toBe(200);
    const res = await call<{ status: string; consensus: Record<string, unknown> }>(hub, 'GET', `/items/${itemId}`, { token: tokens.attacker });
    expect(res.body.status).toBe('resolved');
    expect(Object.keys(res.body.consensus).sort()).toEqual(['labels', 'status', 'video']);
    expect(leaks(res.body)).toEqual([]);
  });
});
