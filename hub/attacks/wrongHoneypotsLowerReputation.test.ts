import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvidence } from '../evidence/listEvidence';
import type { RunningHub } from '../startHub';
import { box, call, sha, signedBatch, signIn, startTestHub, TEST_SCHEMA, type AnyWallet } from '../testKit';

// Attack: a requester publishes honeypots whose "known answers" are wrong. Scored at face value they would
// lower honest annotators' reputations (and so their tiers and reward multipliers) and record slashable
// `honeypot_failed` evidence against them. Defence (reputation/judgeHoneypot.ts): a known answer counts only
// when the item's submissions (a majority) or its final labels corroborate it; one the annotators' consensus
// contradicts is suspect — it scores nobody, records nothing, and is listed for the operator.

interface Rep {
  overall: { alpha: number; beta: number; mean: number };
  history: { kind: string; delta: number }[];
}

describe('attack: a requester’s wrong honeypots lower honest annotators’ reputations', () => {
  let hub: RunningHub;
  let requesterToken: string;
  const requester = Wallet.createRandom();
  const honest = [Wallet.createRandom(), Wallet.createRandom(), Wallet.createRandom()];
  const cheater = Wallet.createRandom();
  const tokens = new Map<string, string>();
  const ITEMS = 4;

  beforeAll(async () => {
    // A threshold of one failed honeypot: a single wrong score would make an honest annotator slashable.
    hub = await startTestHub({ requesters: [requester.address], operators: [], slashEvidenceThreshold: { honeypotFailures: 1, verdictsAgainst: 1 } });
    requesterToken = await signIn(hub, requester);
    for (const w of [...honest, cheater]) tokens.set(w.address, await signIn(hub, w));
  });
  afterAll(async () => hub?.close());

  const rep = async (w: AnyWallet) => (await call<Rep>(hub, 'GET', `/reputation/${w.address}`)).body;
  const evidenceOf = async (w: AnyWallet) => hub.context.db.query<{ kind: string }>('SELECT kind FROM evidence WHERE account = $1', [w.address]);

  /** A k = 3 task whose every item is a honeypot with `known` as its answer; the object really is a car. */
  async function publish(seed: number, known: ReturnType<typeof box>[]): Promise<string> {
    const media = Array.from({ length: ITEMS }, (_, i) => sha(seed + i));
    const created = await call<{ taskId: string }>(hub, 'POST', '/tasks', {
      token: requesterToken,
      json: {
        title: 'ground truth?',
        labelSchema: TEST_SCHEMA,
        redundancy: 3,
        rewardPerItem: '10',
        items: media.map((s, i) => ({ sha256: s, fileName: `h${i}.jpg`, width: 640, height: 480 })),
        honeypots: media.map((s) => ({ sha256: s, shapes: known })),
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.taskId;
  }

  async function label(taskId: string, w: AnyWallet, shapes: ReturnType<typeof box>[]) {
    const token = tokens.get(w.address)!;
    const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: ITEMS } });
    expect(got.body.items).toHaveLength(ITEMS);
    const signed = await signedBatch(hub, w, taskId, got.body.items.map((it) => ({ itemId: it.itemId, shapes })));
    expect((await call(hub, 'POST', '/batches', { token, json: signed })).status).toBe(200);
    // Reputation reads answer from what is decided now (reputation/catchUp.ts): the decisions are queued jobs.
    await hub.context.consensusIdle();
  }

  it('honest annotators who label correctly keep (and gain) reputation and get no evidence; the wrong honeypots are reported', async () => {
    // The requester says "person" where every image shows a car.
    const taskId = await publish(7_700_000, [box('person', 10, 10)]);
    for (const w of honest) await label(taskId, w, [box('car', 10, 10)]);
    for (const w of honest) {
      const r = await rep(w);
      // Scored by their consensus (weight 1 per item), never against the wrong answers.
      expect(r.overall).toMatchObject({ alpha: 2 + ITEMS, beta: 2 });
      expect(r.history.map((h) => h.kind)).toEqual(Array(ITEMS).fill('consensus'));
      expect(await evidenceOf(w)).toEqual([]);
    }
    const report = await listEvidence(hub.context, { all: true });
    expect(report.accounts).toEqual([]);
    expect(report.suspectHoneypots).toHaveLength(ITEMS);
    expect(report.suspectHoneypots.every((h) => h.taskId === taskId && h.requester === requester.address && h.known.classes.person === 1 && h.final.classes.car === 1)).toBe(true);
  });

  it('control: a correct honeypot still catches a cheater, with evidence, while the honest majority gains', async () => {
    const taskId = await publish(7_800_000, [box('car', 10, 10)]);
    const before = await Promise.all(honest.slice(0, 2).map(rep));
    await label(taskId, honest[0]!, [box('car', 10, 10)]);
    await label(taskId, honest[1]!, [box('car', 10, 10)]);
    await label(taskId, cheater, [box('person', 10, 10)]);
    const cheat = await rep(cheater);
    expect(cheat.overall).toMatchObject({ alpha: 2, beta: 2 + 2 * ITEMS });
    expect((await evidenceOf(cheater)).map((e) => e.kind)).toEqual(Array(ITEMS).fill('honeypot_failed'));
    for (const [i, w] of honest.slice(0, 2).entries()) {
      expect((await rep(w)).overall.alpha).toBe(before[i]!.overall.alpha + 2 * ITEMS);
      expect(await evidenceOf(w)).toEqual([]);
    }
    const report = await listEvidence(hub.context);
    expect(report.accounts.map((a) => [a.account, a.honeypotFailures, a.slashable])).toEqual([[cheater.address, ITEMS, true]]);
    // Only the first task's honeypots are suspect.
    expect(new Set(report.suspectHoneypots.map((h) => h.taskId)).has(taskId)).toBe(false);
  });
});
