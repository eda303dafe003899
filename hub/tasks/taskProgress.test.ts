import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, signedBatch, signIn, startTestHub, TEST_SCHEMA } from '../testKit';
import { signedVerdict } from '../verdicts/verdictTestKit';

interface Progress {
  items: { open: number; accepted: number; disputed: number; resolved: number };
  agreementRate: number | null;
  disputeRate: number | null;
  spend: { allocated: string; pending: string; committed: string; maxSpend: string };
  pool: null;
  costPerAcceptedItem: string | null;
  eta: { remainingItems: number; finalizedInWindow: number; itemsPerHour: number; done: boolean; estimatedCompletion: string | null };
  annotators: { annotator: string; assigned: number; submitted: number; agreed: number; rejected: number; undecided: number; earnings: { allocated: string; pending: string; total: string } }[];
  reviewers: { reviewer: string; verdicts: number; fees: { allocated: string; pending: string } }[];
  error?: string;
}

/**
 * GET /tasks/:taskId/progress over a real hub: two annotators label four
 * items with real signed batches (k = 2): two agree, one is disputed and
 * resolved by a signed verdict for A's labels, one waits for B. Then an
 * epoch's rewards rows for one item move it from pending to allocated.
 */
describe("a requester's progress view of a task", () => {
  let hub: RunningHub;
  const requester = Wallet.createRandom();
  const otherRequester = Wallet.createRandom();
  const operator = Wallet.createRandom();
  const a = Wallet.createRandom();
  const b = Wallet.createRandom();
  const reviewer = Wallet.createRandom();
  let taskId: string;
  let itemIds: string[];
  let token: Record<'requester' | 'otherRequester' | 'operator' | 'a' | 'b' | 'reviewer', string>;
  const progress = (t: string, id = taskId) => call<Progress>(hub, 'GET', `/tasks/${id}/progress`, { token: t });

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address, otherRequester.address], operators: [operator.address] });
    token = {
      requester: await signIn(hub, requester),
      otherRequester: await signIn(hub, otherRequester),
      operator: await signIn(hub, operator),
      a: await signIn(hub, a),
      b: await signIn(hub, b),
      reviewer: await signIn(hub, reviewer),
    };
    await call(hub, 'POST', `/accounts/${reviewer.address}/roles`, { token: token.operator, json: { role: 'reviewer' } });
    const created = await call<{ taskId: string }>(hub, 'POST', '/tasks', {
      token: token.requester,
      json: { title: 'progress', labelSchema: TEST_SCHEMA, redundancy: 2, rewardPerItem: '1000', reviewerFee: '7', items: [1, 2, 3, 4].map((i) => ({ sha256: String(i).padStart(64, 'a'), fileName: `${i}.jpg`, width: 640, height: 480 })) },
    });
    taskId = created.body.taskId;
  }, 180_000);
  afterAll(async () => hub?.close());

  it('starts with every item open, nothing spent, no rates and no ETA', async () => {
    const p = (await progress(token.requester)).body;
    expect(p.items).toEqual({ open: 4, accepted: 0, disputed: 0, resolved: 0 });
    expect(p).toMatchObject({ agreementRate: null, disputeRate: null, costPerAcceptedItem: null, pool: null, annotators: [], reviewers: [] });
    expect(p.spend).toEqual({ allocated: '0', pending: '0', committed: '0', maxSpend: String((1500 * 2 + 7) * 4) });
    expect(p.eta).toMatchObject({ remainingItems: 4, finalizedInWindow: 0, done: false, estimatedCompletion: null });
  });

  it('counts statuses, agreement, spend, cost per item, ETA and each annotator after signed batches and a verdict', async () => {
    const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: token.a, json: { count: 4 } });
    itemIds = got.body.items.map((i) => i.itemId);
    expect((await call<{ items: unknown[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: token.b, json: { count: 4 } })).body.items).toHaveLength(4);
    const [agreed1, disputed, agreed2, waiting] = itemIds as [string, string, string, string];
    const aShapes = { [agreed1]: [box('car', 10, 10)], [disputed]: [box('car', 100, 100)], [agreed2]: [box('person', 200, 50)], [waiting]: [box('car', 5, 5)] };
    const bShapes = { [agreed1]: [box('car', 11, 10)], [disputed]: [box('person', 400, 300)], [agreed2]: [box('person', 201, 51)] };
    expect((await call(hub, 'POST', '/batches', { token: token.a, json: await signedBatch(hub, a, taskId, itemIds.map((itemId) => ({ itemId, shapes: aShapes[itemId]! }))) })).status).toBe(200);
    expect((await call(hub, 'POST', '/batches', { token: token.b, json: await signedBatch(hub, b, taskId, Object.entries(bShapes).map(([itemId, shapes]) => ({ itemId, shapes }))) })).status).toBe(200);
    await hub.context.consensusIdle();

    const before = (await progress(token.requester)).body;
    expect(before.items).toEqual({ open: 1, accepted: 2, disputed: 1, resolved: 0 });
    expect(before.eta).toMatchObject({ remainingItems: 2, finalizedInWindow: 2 });

    const verdict = await call(hub, 'POST', '/verdicts', { token: token.reviewer, json: await signedVerdict(hub, reviewer, taskId, disputed, aShapes[disputed]!) });
    expect(verdict.status).toBe(200);

    const p = (await progress(token.requester)).body;
    expect(p.items).toEqual({ open: 1, accepted: 2, disputed: 0, resolved: 1 });
    // A agrees on 3 final items, B on 2 and not on the disputed one: 5 of 6 submissions on final items.
    expect(p.agreementRate).toBeCloseTo(5 / 6, 10);
    expect(p.disputeRate).toBeCloseTo(1 / 3, 10);
    // Five agreeing submissions × 1000 + one reviewer fee of 7, none in an epoch yet.
    expect(p.spend).toMatchObject({ allocated: '0', pending: '5007', committed: '5007' });
    expect(p.costPerAcceptedItem).toBe(String(5007n / 3n));
    expect(p.eta).toMatchObject({ remainingItems: 1, finalizedInWindow: 3, done: false });
    expect(p.eta.itemsPerHour).toBeGreaterThan(0);
    expect(Date.parse(p.eta.estimatedCompletion!)).toBeGreaterThan(Date.now());
    const byAddress = Object.fromEntries(p.annotators.map((x) => [x.annotator, x]));
    expect(byAddress[a.address]).toMatchObject({ assigned: 4, submitted: 4, agreed: 3, rejected: 0, undecided: 1, earnings: { allocated: '0', pending: '3000', total: '3000' } });
    expect(byAddress[b.address]).toMatchObject({ assigned: 4, submitted: 3, agreed: 2, rejected: 1, undecided: 0, earnings: { allocated: '0', pending: '2000', total: '2000' } });
    expect(p.reviewers).toEqual([{ reviewer: reviewer.address, verdicts: 1, fees: { allocated: '0', pending: '7', total: '7' } }]);
  });

  it('moves an item paid by an epoch from pending to allocated, at the amounts the epoch paid', async () => {
    // An epoch's rows as closeEpoch writes them (A at multiplier 1.5, B at 1), without a chain.
    const [agreed1] = itemIds as [string];
    await hub.context.db.query(`INSERT INTO epochs (epoch, root, tree, totals, status) VALUES (1, '0x00', '{}'::jsonb, '{}'::jsonb, 'posted')`);
    await hub.context.db.query(`INSERT INTO rewards (item_id, account, epoch, amount) VALUES ($1, $2, 1, 1500), ($1, $3, 1, 1000)`, [agreed1, a.address, b.address]);
    await hub.context.db.query('UPDATE items SET rewarded_epoch = 1 WHERE id = $1', [agreed1]);
    const p = (await progress(token.requester)).body;
    expect(p.spend).toMatchObject({ allocated: '2500', pending: '3007', committed: '5507' });
    const byAddress = Object.fromEntries(p.annotators.map((x) => [x.annotator, x]));
    expect(byAddress[a.address]!.earnings).toEqual({ allocated: '1500', pending: '2000', total: '3500' });
    expect(byAddress[b.address]!.earnings).toEqual({ allocated: '1000', pending: '1000', total: '2000' });
  });

  it('is for the task requester and operators only; done once nothing remains', async () => {
    expect((await progress(token.operator)).status).toBe(200);
    for (const t of [token.otherRequester, token.a, token.reviewer]) expect((await progress(t)).body.error).toBe('not_your_task');
    expect((await call(hub, 'GET', `/tasks/${taskId}/progress`)).status).toBe(401);
    expect((await progress(token.operator, 'task_nope')).status).toBe(404);
    expect((await progress(token.requester, 'task_nope')).status).toBe(403);

    const { taskId: small } = await createTestTask(hub, token.requester, 1, 1);
    const [item] = (await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${small}/assignments`, { token: token.a, json: { count: 1 } })).body.items;
    await call(hub, 'POST', '/batches', { token: token.a, json: await signedBatch(hub, a, small, [{ itemId: item!.itemId, shapes: [box('car', 1, 1)] }]) });
    await hub.context.consensusIdle();
    const done = (await progress(token.requester, small)).body;
    expect(done.items).toEqual({ open: 0, accepted: 1, disputed: 0, resolved: 0 });
    expect(done.eta).toMatchObject({ remainingItems: 0, done: true, estimatedCompletion: null });
    expect(done.agreementRate).toBe(1);
  });
});
