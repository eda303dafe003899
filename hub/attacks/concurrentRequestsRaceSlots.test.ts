import { Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnPostgres } from '../db/testPostgres';
import type { RunningHub } from '../startHub';
import { call, createTestTask, signIn, startTestHub } from '../testKit';

/**
 * Assignment no longer locks the task row: items are taken with FOR UPDATE
 * SKIP LOCKED and the slot counters move in the same statement. An attacker
 * tries to exploit the missing lock with requests that run at the same time
 * on a real PostgreSQL server: many wallets racing for a task's last slots
 * (hoping two requests both take an item's last slot and put it past k), and
 * one wallet firing a burst at once (hoping each request reads the cap
 * before the others commit).
 */
describeOnPostgres('attack: concurrent requests race for the same slots', (url) => {
  const CAP = 10;
  let hub: RunningHub;
  const requester = Wallet.createRandom();
  let requesterToken: string;

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address], operators: [], databaseUrl: url(), maxOpenAssignments: CAP });
    requesterToken = await signIn(hub, requester);
  }, 180_000);
  afterAll(async () => hub?.close());

  it('30 wallets asking at once for the last slots: no item past k, nobody holds an item twice, no slot handed out twice', async () => {
    const K = 2;
    const { taskId } = await createTestTask(hub, requesterToken, 8, K);
    const wallets = Array.from({ length: 30 }, () => Wallet.createRandom());
    const tokens = await Promise.all(wallets.map((w) => signIn(hub, w)));
    const replies = await Promise.all(tokens.map((token) => call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: 5 } })));
    expect(replies.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const handed = replies.flatMap((r) => r.body.items.map((i) => i.itemId));
    const perItem = new Map<string, number>();
    for (const id of handed) perItem.set(id, (perItem.get(id) ?? 0) + 1);
    expect(Math.max(...perItem.values())).toBeLessThanOrEqual(K);
    for (const r of replies) expect(new Set(r.body.items.map((i) => i.itemId)).size).toBe(r.body.items.length);
    const [rows] = await hub.context.db.query<{ n: number; slots: number }>(
      `SELECT (SELECT count(*)::int FROM assignments WHERE task_id = $1) AS n, (SELECT sum(slots)::int FROM task_open_slots WHERE task_id = $1) AS slots`,
      [taskId],
    );
    expect(rows!.n).toBe(handed.length);
    expect(rows!.n + rows!.slots).toBe(8 * K);
  }, 180_000);

  it('one wallet firing 12 requests at once holds the cap, not 12 caps', async () => {
    const { taskId } = await createTestTask(hub, requesterToken, 200, 3);
    const token = await signIn(hub, Wallet.createRandom());
    const replies = await Promise.all(Array.from({ length: 12 }, () => call<{ items: unknown[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: 1000 } })));
    for (const r of replies) expect(r.body.items.length).toBeLessThanOrEqual(CAP);
    const [held] = await hub.context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM assignments WHERE task_id = $1', [taskId]);
    expect(held!.n).toBe(CAP);
  }, 180_000);
});
