import { getAddress, hexlify, randomBytes, Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../db/adapter';
import { openPostgresDb } from '../db/postgresDb';
import { describeOnPostgres } from '../db/testPostgres';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, signedBatch, signIn, startTestHub } from '../testKit';
import { assignWork } from './assignWork';
import { recountOpenSlots } from './openSlots';

const randomAddress = () => getAddress(hexlify(randomBytes(20)));

/** Every invariant of a task's assignments, read back from the rows. */
async function expectConsistent(db: Db, taskId: string, k: number) {
  const perItem = await db.query<{ rows: number; distinct: number }>(
    'SELECT count(*)::int AS rows, count(DISTINCT annotator)::int AS distinct FROM assignments WHERE task_id = $1 GROUP BY item_id',
    [taskId],
  );
  for (const r of perItem) {
    expect(r.rows).toBe(r.distinct);
    expect(r.rows).toBeLessThanOrEqual(k);
  }
  const check = await recountOpenSlots(db, taskId);
  expect(check.itemsDrift).toBe(0);
  expect(check.counter).toBe(check.recount);
  return perItem.reduce((n, r) => n + r.rows, 0);
}

describeOnPostgres('assignment under concurrency (no task lock: SKIP LOCKED and maintained counters)', (url) => {
  let hub: RunningHub;
  // A pool as wide as the askers, so the requests really run at the same time (the hub's own pool is 4).
  let wide: Db;
  const requester = Wallet.createRandom();
  let requesterToken: string;

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address], operators: [], databaseUrl: url() });
    wide = await openPostgresDb(url(), 50);
    requesterToken = await signIn(hub, requester);
  }, 180_000);
  afterAll(async () => {
    await wide?.close();
    await hub?.close();
  });

  it('50 annotators asking at once never put an item past k nor give anyone an item twice; the counters equal a recount', async () => {
    const ITEMS = 40;
    const K = 3;
    const { taskId } = await createTestTask(hub, requesterToken, ITEMS, K);
    const ctx = { ...hub.context, db: wide };
    const askers = Array.from({ length: 50 }, randomAddress);
    // 50 × 2 requests of 6 in flight together: 600 asked for, 120 slots.
    const replies = await Promise.all(askers.flatMap((a) => [0, 1].map(() => assignWork(ctx, a, taskId, 6))));
    for (const [i, items] of replies.entries()) expect(new Set(items.map((it) => it.itemId)).size, `reply ${i}`).toBe(items.length);
    const handed = await expectConsistent(wide, taskId, K);
    expect(handed).toBeGreaterThan(0);
    // Asking again in turn hands out every remaining slot, still within k.
    for (let pass = 0; pass < 4; pass++) await Promise.all(askers.map((a) => assignWork(ctx, a, taskId, 6)));
    expect(await expectConsistent(wide, taskId, K)).toBe(ITEMS * K);
    expect((await recountOpenSlots(wide, taskId)).counter).toBe(0);
  }, 180_000);

  it('one annotator firing 20 requests at once holds at most the cap of unsubmitted items', async () => {
    const { taskId } = await createTestTask(hub, requesterToken, 400, 3);
    const ctx = { ...hub.context, db: wide };
    const burster = randomAddress();
    await Promise.all(Array.from({ length: 20 }, () => assignWork(ctx, burster, taskId, 1000)));
    const [held] = await wide.query<{ n: number }>('SELECT count(*)::int AS n FROM assignments WHERE task_id = $1 AND annotator = $2', [taskId, burster]);
    expect(held!.n).toBe(hub.context.config.maxOpenAssignments);
    await expectConsistent(wide, taskId, 3);
  }, 180_000);

  it('keeps the counters equal to a recount through random sequences of asks and signed submissions (consensus included)', async () => {
    const K = 2;
    const { taskId } = await createTestTask(hub, requesterToken, 30, K);
    const wallets = Array.from({ length: 5 }, () => Wallet.createRandom());
    const tokens = await Promise.all(wallets.map((w) => signIn(hub, w)));
    const held = wallets.map(() => new Set<string>());
    const rand = (n: number) => Math.floor(Math.random() * n);
    for (let step = 0; step < 24; step++) {
      const w = rand(wallets.length);
      if (Math.random() < 0.55 || held[w]!.size === 0) {
        const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: tokens[w], json: { count: 1 + rand(8) } });
        expect(got.status).toBe(200);
        for (const it of got.body.items) held[w]!.add(it.itemId);
      } else {
        const some = [...held[w]!].slice(0, 1 + rand(held[w]!.size));
        const signed = await signedBatch(hub, wallets[w]!, taskId, some.map((itemId) => ({ itemId, shapes: [box('car', 10, 10)] })));
        expect((await call(hub, 'POST', '/batches', { token: tokens[w], json: signed })).status).toBe(200);
        for (const id of some) held[w]!.delete(id);
      }
      await hub.context.consensusIdle();
      await expectConsistent(hub.context.db, taskId, K);
    }
    // Everyone submits what they hold: items reaching k are decided (they leave the pool), the counters still match.
    for (const [w, ids] of held.entries()) {
      if (ids.size === 0) continue;
      const signed = await signedBatch(hub, wallets[w]!, taskId, [...ids].map((itemId) => ({ itemId, shapes: [box('car', 10, 10)] })));
      expect((await call(hub, 'POST', '/batches', { token: tokens[w], json: signed })).status).toBe(200);
    }
    await hub.context.consensusIdle();
    expect(await expectConsistent(hub.context.db, taskId, K)).toBeGreaterThan(0);
  }, 300_000);
});
