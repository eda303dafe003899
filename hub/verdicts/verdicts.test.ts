import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, signIn, startTestHub, type AnyWallet } from '../testKit';
import { labelTask, signedVerdict } from './verdictTestKit';

const requester = Wallet.createRandom();
const operator = Wallet.createRandom();
const reviewer = Wallet.createRandom();
const wallets = [Wallet.createRandom(), Wallet.createRandom(), Wallet.createRandom()];

interface Dispute {
  itemId: string;
  taskId: string;
  submissions: { annotator: string; shapes: unknown[] }[];
  proposal: { labels: unknown[]; clusters: { members: unknown[] }[] };
}
interface Rep {
  overall: { alpha: number; beta: number; mean: number };
  perClass: Record<string, { alpha: number; beta: number }>;
  history: { kind: string; itemId?: string; delta: number }[];
  scoredItems: number;
}

// One deadline for the verdict that is sent twice: signed in different seconds, a default deadline would make it another verdict.
const VERDICT_DEADLINE = Math.floor(Date.now() / 1000) + 3600;

describe('disputes and verdicts', () => {
  let hub: RunningHub;
  let annotators: { wallet: AnyWallet; token: string }[];
  let reviewerToken: string;
  let taskId: string;
  // [0]: everyone agrees → accepted; [1], [2]: a car, a person, a car far away → disputed.
  let items: string[];
  const verdictCount = async () => Number((await hub.context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM verdicts'))[0]!.n);
  // The operator reads any item (reviewers only disputed ones: hub/access).
  let operatorToken: string;
  const status = async (itemId: string) => (await call<{ status: string }>(hub, 'GET', `/items/${itemId}`, { token: operatorToken })).body.status;

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address], operators: [operator.address] });
    annotators = await Promise.all(wallets.map(async (wallet) => ({ wallet, token: await signIn(hub, wallet) })));
    reviewerToken = await signIn(hub, reviewer);
    operatorToken = await signIn(hub, operator);
    for (const who of [reviewer.address, wallets[0]!.address]) {
      expect((await call(hub, 'POST', `/accounts/${who}/roles`, { token: operatorToken, json: { role: 'reviewer' } })).status).toBe(200);
    }
    ({ taskId } = await createTestTask(hub, await signIn(hub, requester), 3, 3));
    items = await labelTask(hub, taskId, annotators, 3, (a, k) => (k === 0 ? [box('car', 10, 10)] : [[box('car', 10, 10)], [box('person', 10, 10)], [box('car', 300, 300)]][a]!));
    expect(await status(items[0]!)).toBe('accepted');
    expect(await status(items[1]!)).toBe('disputed');
  });
  afterAll(async () => hub?.close());

  it('lists disputed items to reviewers with every submission and the consensus proposal', async () => {
    const res = await call<{ disputes: Dispute[] }>(hub, 'GET', `/disputes?taskId=${taskId}`, { token: reviewerToken });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.disputes.map((d) => d.itemId)).toEqual([items[1], items[2]]);
    const d = res.body.disputes[0]!;
    expect(d.submissions.map((s) => s.annotator).sort()).toEqual(wallets.map((w) => w.address).sort());
    expect(d.proposal.labels).toEqual([]);
    expect(d.proposal.clusters.length).toBeGreaterThan(0);
    const other = await call<{ disputes: Dispute[] }>(hub, 'GET', `/disputes?taskId=nope`, { token: reviewerToken });
    expect(other.body.disputes).toEqual([]);
  });

  it('refuses disputes to accounts without the reviewer role or tier, and never lists items the caller annotated', async () => {
    const plain = await call<{ error: string; message: string }>(hub, 'GET', '/disputes', { token: annotators[1]!.token });
    expect(plain.status).toBe(403);
    expect(plain.body.error).toBe('not_reviewer');
    expect(plain.body.message).toMatch(/tier 0 \(newcomer\)/);
    // Annotator 0 holds the reviewer role but labeled every item of the task.
    const own = await call<{ disputes: Dispute[] }>(hub, 'GET', '/disputes', { token: annotators[0]!.token });
    expect(own.status).toBe(200);
    expect(own.body.disputes.filter((d) => d.taskId === taskId)).toEqual([]);
  });

  it('rejects a verdict from a reviewer who labeled the item, and stores nothing', async () => {
    const signed = await signedVerdict(hub, wallets[0]!, taskId, items[1]!, [box('car', 10, 10)]);
    const res = await call<{ error: string }>(hub, 'POST', '/verdicts', { token: annotators[0]!.token, json: signed });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('reviewer_labeled_item');
    expect(await verdictCount()).toBe(0);
    expect(await status(items[1]!)).toBe('disputed');
  });

  it('rejects a verdict for an item not in dispute', async () => {
    const res = await call<{ error: string; message: string }>(hub, 'POST', '/verdicts', { token: reviewerToken, json: await signedVerdict(hub, reviewer, taskId, items[0]!, [box('car', 10, 10)]) });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'item_not_in_dispute' });
    expect(res.body.message).toMatch(/accepted/);
    expect(await verdictCount()).toBe(0);
  });

  it('rejects tampered labels, a verdict signed by someone else, a non-reviewer and a passed deadline', async () => {
    const tampered = await signedVerdict(hub, reviewer, taskId, items[1]!, [box('person', 10, 10)], { signedShapes: [box('car', 10, 10)] });
    expect((await call<{ error: string }>(hub, 'POST', '/verdicts', { token: reviewerToken, json: tampered })).body.error).toBe('labels_mismatch');
    const foreign = await signedVerdict(hub, reviewer, taskId, items[1]!, [box('car', 10, 10)]);
    const notSession = await call<{ error: string }>(hub, 'POST', '/verdicts', { token: annotators[1]!.token, json: foreign });
    expect([notSession.status, notSession.body.error]).toEqual([403, 'signer_not_session']);
    const outsider = Wallet.createRandom();
    const outsiderVerdict = await call<{ error: string }>(hub, 'POST', '/verdicts', { token: await signIn(hub, outsider), json: await signedVerdict(hub, outsider, taskId, items[1]!, []) });
    expect([outsiderVerdict.status, outsiderVerdict.body.error]).toEqual([403, 'not_reviewer']);
    const late = await signedVerdict(hub, reviewer, taskId, items[1]!, [box('car', 10, 10)], { deadline: Math.floor(Date.now() / 1000) - 10 });
    expect((await call<{ error: string }>(hub, 'POST', '/verdicts', { token: reviewerToken, json: late })).body.error).toBe('deadline_passed');
    expect(await verdictCount()).toBe(0);
  });

  it('accepts a valid verdict: the item is finalized with its labels, agreeing annotators named, reputations move', async () => {
    const before = await Promise.all(wallets.map(async (w) => (await call<Rep>(hub, 'GET', `/reputation/${w.address}`)).body));
    const signed = await signedVerdict(hub, reviewer, taskId, items[1]!, [box('car', 10.001, 10)], { nonce: '777', deadline: VERDICT_DEADLINE, reasons: [{ index: 0, reason: 'ok' }, { index: 1, reason: 'wrong_class' }] });
    const res = await call<{ status: string; agreeingAnnotators: string[]; duplicate: boolean }>(hub, 'POST', '/verdicts', { token: reviewerToken, json: signed });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'resolved', duplicate: false, agreeingAnnotators: [wallets[0]!.address] });
    const item = await call<{ status: string; consensus: { labels: unknown[]; verdict: { reviewer: string; reasons: unknown[] } } }>(hub, 'GET', `/items/${items[1]}`, { token: reviewerToken });
    expect(item.body.status).toBe('resolved');
    expect(item.body.consensus.labels).toEqual([box('car', 10, 10)]);
    expect(item.body.consensus.verdict).toMatchObject({ reviewer: reviewer.address, reasons: [{ index: 0, reason: 'ok' }, { index: 1, reason: 'wrong_class' }] });

    const after = await Promise.all(wallets.map(async (w) => (await call<Rep>(hub, 'GET', `/reputation/${w.address}`)).body));
    // The agreeing annotator goes up, the two others down, each by one verdict-scored item.
    expect(after[0]!.overall.mean).toBeGreaterThan(before[0]!.overall.mean);
    expect(after[1]!.overall.mean).toBeLessThan(before[1]!.overall.mean);
    expect(after[2]!.overall.mean).toBeLessThan(before[2]!.overall.mean);
    for (const r of after) expect(r.history.filter((h) => h.kind === 'verdict').map((h) => h.itemId)).toEqual([items[1]]);
    expect(after[0]!.history.find((h) => h.kind === 'verdict')!.delta).toBeGreaterThan(0);
    expect(after[1]!.history.find((h) => h.kind === 'verdict')!.delta).toBeLessThan(0);
    // Per class: annotator 1 drew a person where the truth is a car.
    expect(after[1]!.perClass.car!.beta).toBeGreaterThan(before[1]!.perClass.car?.beta ?? 2);
    // The dispute is gone from the queue.
    const queue = await call<{ disputes: Dispute[] }>(hub, 'GET', `/disputes?taskId=${taskId}`, { token: reviewerToken });
    expect(queue.body.disputes.map((d) => d.itemId)).toEqual([items[2]]);
  });

  it('answers the same verdict again with its first receipt, and refuses a replayed nonce on another item', async () => {
    const again = await signedVerdict(hub, reviewer, taskId, items[1]!, [box('car', 10.001, 10)], { nonce: '777', deadline: VERDICT_DEADLINE, reasons: [{ index: 0, reason: 'ok' }, { index: 1, reason: 'wrong_class' }] });
    const dup = await call<{ duplicate: boolean }>(hub, 'POST', '/verdicts', { token: reviewerToken, json: again });
    expect(dup.status).toBe(200);
    expect(dup.body.duplicate).toBe(true);
    expect(await verdictCount()).toBe(1);
    const replay = await call<{ error: string }>(hub, 'POST', '/verdicts', { token: reviewerToken, json: await signedVerdict(hub, reviewer, taskId, items[2]!, [box('car', 10, 10)], { nonce: '777' }) });
    expect([replay.status, replay.body.error]).toEqual([409, 'nonce_used']);
    expect(await verdictCount()).toBe(1);
    expect(await status(items[2]!)).toBe('disputed');
    // A second verdict on a resolved item: not in dispute any more.
    const second = await call<{ error: string }>(hub, 'POST', '/verdicts', { token: reviewerToken, json: await signedVerdict(hub, reviewer, taskId, items[1]!, []) });
    expect([second.status, second.body.error]).toEqual([409, 'item_not_in_dispute']);
    expect(await verdictCount()).toBe(1);
  });
});
