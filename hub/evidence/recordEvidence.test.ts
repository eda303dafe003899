import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchUpReputation } from '../reputation/catchUp';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, sha, signedBatch, signIn, startTestHub, TEST_SCHEMA, type AnyWallet } from '../testKit';
import { labelTask, signedVerdict } from '../verdicts/verdictTestKit';
import { listEvidence } from './listEvidence';
import { recordEvidence } from './recordEvidence';

const requester = Wallet.createRandom();
const operator = Wallet.createRandom();
const reviewer = Wallet.createRandom();
const [right, right2, wrong] = [Wallet.createRandom(), Wallet.createRandom(), Wallet.createRandom()];
const voters = [Wallet.createRandom(), Wallet.createRandom(), Wallet.createRandom()];

interface EvidenceRow {
  id: bigint;
  account: string;
  kind: string;
  item_id: string;
  task_id: string;
  detail: Record<string, unknown>;
}

describe('evidence recorded when reputation is scored', () => {
  let hub: RunningHub;
  let requesterToken: string;
  const tokens: Record<string, string> = {};
  const evidenceOf = async (w: AnyWallet) => hub.context.db.query<EvidenceRow>('SELECT * FROM evidence WHERE account = $1 ORDER BY item_id', [w.address]);

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address], operators: [operator.address], slashEvidenceThreshold: { honeypotFailures: 2, verdictsAgainst: 2 } });
    requesterToken = await signIn(hub, requester);
    for (const w of [right, right2, wrong, reviewer, ...voters]) tokens[w.address] = await signIn(hub, w);
    const operatorToken = await signIn(hub, operator);
    await call(hub, 'POST', `/accounts/${reviewer.address}/roles`, { token: operatorToken, json: { role: 'reviewer' } });
  }, 180_000);
  afterAll(async () => hub?.close());

  it('records honeypot_failed for a submission that misses the known answer, with expected vs submitted and the batch digest', async () => {
    const media = [sha(8_100_001), sha(8_100_002), sha(8_100_003)];
    const created = await call<{ taskId: string }>(hub, 'POST', '/tasks', {
      token: requesterToken,
      json: {
        title: 'ground truth',
        labelSchema: TEST_SCHEMA,
        // k = 3: a known answer counts once a majority of the item's submissions corroborate it (reputation/judgeHoneypot.ts).
        redundancy: 3,
        rewardPerItem: '10',
        items: media.map((s, i) => ({ sha256: s, fileName: `e${i}.jpg`, width: 640, height: 480 })),
        honeypots: [
          { sha256: media[0], shapes: [box('car', 10, 10)] },
          { sha256: media[1], shapes: [box('car', 10, 10), box('person', 200, 200)] },
        ],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const taskId = created.body.taskId;
    const digests: Record<string, string> = {};
    for (const [w, shapes] of [
      [right, [box('car', 10, 10)]],
      [right2, [box('car', 10, 10)]],
      [wrong, [box('person', 10, 10)]],
    ] as const) {
      const got = await call<{ items: { itemId: string; sha256: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: tokens[w.address], json: { count: 3 } });
      // The right annotators get the second honeypot right too (car and person).
      const signed = await signedBatch(hub, w, taskId, got.body.items.map((it) => ({ itemId: it.itemId, shapes: w !== wrong && it.sha256 === media[1] ? [box('car', 10, 10), box('person', 200, 200)] : [...shapes] })));
      const res = await call<{ batchId: string }>(hub, 'POST', '/batches', { token: tokens[w.address], json: signed });
      expect(res.status).toBe(200);
      digests[w.address] = res.body.batchId;
    }
    // Scoring takes what is decided now: the decisions are queued jobs.
    await hub.context.consensusIdle();
    await catchUpReputation(hub.context);

    expect(await evidenceOf(right)).toEqual([]);
    expect(await evidenceOf(right2)).toEqual([]);
    const rows = await evidenceOf(wrong);
    expect(rows.map((r) => [r.kind, r.task_id])).toEqual([
      ['honeypot_failed', taskId],
      ['honeypot_failed', taskId],
    ]);
    const items = await hub.context.db.query<{ id: string; sha256: string }>('SELECT id, sha256 FROM items WHERE task_id = $1', [taskId]);
    const bySha = new Map(items.map((i) => [i.sha256, i.id]));
    expect(rows.map((r) => r.item_id).sort()).toEqual([bySha.get(media[0]!), bySha.get(media[1]!)].sort());
    const second = rows.find((r) => r.item_id === bySha.get(media[1]!))!;
    expect(second.detail).toMatchObject({
      batchDigest: digests[wrong.address],
      expected: { shapes: 2, classes: { car: 1, person: 1 } },
      submitted: { shapes: 1, classes: { person: 1 } },
      outcome: { matched: 0, wrongClass: 1, missed: 1, extra: 0 },
    });
    expect(second.detail.labelHash).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('records nothing twice: scoring again and recording the same evidence again leave one row per account, kind and item', async () => {
    const before = await evidenceOf(wrong);
    await catchUpReputation(hub.context);
    await hub.context.db.transaction((tx) =>
      recordEvidence(tx, [{ account: wrong.address, kind: 'honeypot_failed', itemId: before[0]!.item_id, taskId: before[0]!.task_id, detail: { changed: 'no' } }]),
    );
    expect(await evidenceOf(wrong)).toEqual(before);
  });

  it('records verdict_against for every annotator a verdict did not side with, naming the verdict', async () => {
    const { taskId } = await createTestTask(hub, requesterToken, 2, 3);
    const annotators = voters.map((wallet) => ({ wallet, token: tokens[wallet.address]! }));
    // Item 0: all agree (accepted, no evidence). Item 1: car / person / car far away → disputed.
    const items = await labelTask(hub, taskId, annotators, 2, (a, k) => (k === 0 ? [box('car', 10, 10)] : [[box('car', 10, 10)], [box('person', 10, 10)], [box('car', 300, 300)]][a]!));
    const verdict = await call<{ verdictId: string; agreeingAnnotators: string[] }>(hub, 'POST', '/verdicts', {
      token: tokens[reviewer.address],
      json: await signedVerdict(hub, reviewer, taskId, items[1]!, [box('car', 10, 10)]),
    });
    expect(verdict.status, JSON.stringify(verdict.body)).toBe(200);
    expect(verdict.body.agreeingAnnotators).toEqual([voters[0]!.address]);
    await catchUpReputation(hub.context);

    expect(await evidenceOf(voters[0]!)).toEqual([]);
    for (const w of [voters[1]!, voters[2]!]) {
      const rows = await evidenceOf(w);
      expect(rows.map((r) => [r.kind, r.item_id, r.task_id])).toEqual([['verdict_against', items[1], taskId]]);
      expect(rows[0]!.detail).toMatchObject({ verdictId: verdict.body.verdictId, reviewer: reviewer.address, expected: { shapes: 1, classes: { car: 1 } }, submitted: { shapes: 1 } });
      expect(rows[0]!.detail.batchDigest).toMatch(/^0x[0-9a-f]{64}$/);
    }
  });

  it('lists accounts by evidence against the threshold: slashable ones by default, all with --all', async () => {
    const slashable = await listEvidence(hub.context);
    expect(slashable.accounts.map((a) => a.account)).toEqual([wrong.address]);
    expect(slashable.accounts[0]).toMatchObject({ honeypotFailures: 2, verdictsAgainst: 0, slashable: true, slashedAmount: 0n, pendingSlashings: 0 });
    const all = await listEvidence(hub.context, { all: true });
    expect(all.accounts.map((a) => [a.account, a.honeypotFailures, a.verdictsAgainst, a.slashable]).sort()).toEqual(
      [
        [wrong.address, 2, 0, true],
        [voters[1]!.address, 0, 1, false],
        [voters[2]!.address, 0, 1, false],
      ].sort(),
    );
    expect(all.slashings).toEqual([]);
  });
});
