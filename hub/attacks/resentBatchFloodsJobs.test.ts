import { Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it, describe } from 'vitest';
import { QUEUES } from '../jobs/jobQueue';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, signedBatch, signIn, startTestHub } from '../testKit';

/**
 * Attack: an annotator re-sends the batch that completed items, many times
 * and at once, hoping each copy queues another decision job (work for every
 * hub process, and a second decision). A copy answers the first receipt
 * (`duplicate: true`) from the batch row without touching the job queue:
 * one job for the completing batch, each item decided once.
 */
describe('attack: re-sent completing batch floods the job queue', () => {
  let hub: RunningHub;
  const requester = Wallet.createRandom();
  const annotators = Array.from({ length: 2 }, () => ({ wallet: Wallet.createRandom(), token: '' }));

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address], operators: [] });
    for (const a of annotators) a.token = await signIn(hub, a.wallet);
  }, 180_000);
  afterAll(async () => hub?.close(), 120_000);

  it('forty copies of the completing batch: one decision job, items decided once', async () => {
    const { taskId } = await createTestTask(hub, await signIn(hub, requester), 5, 2);
    const jobs = async () => (await hub.context.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1`, [QUEUES.decide]))[0]!.n;
    const bodies: { token: string; json: unknown }[] = [];
    for (const { wallet, token } of annotators) {
      const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: 5 } });
      bodies.push({ token, json: await signedBatch(hub, wallet, taskId, got.body.items.map((i) => ({ itemId: i.itemId, shapes: [box('car', 10, 10)] }))) });
    }
    expect((await call(hub, 'POST', '/batches', bodies[0]!)).status).toBe(200);
    const before = await jobs();
    const replies = await Promise.all(Array.from({ length: 40 }, () => call<{ duplicate: boolean }>(hub, 'POST', '/batches', bodies[1]!)));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(replies.filter((r) => !r.body.duplicate)).toHaveLength(1);
    expect(await jobs()).toBe(before + 1);
    await hub.context.consensusIdle();
    const [row] = await hub.context.db.query<{ accepted: number; finalized: number }>(
      `SELECT count(*) FILTER (WHERE status = 'accepted')::int AS accepted, count(DISTINCT finalized_at)::int AS finalized FROM items WHERE task_id = $1`,
      [taskId],
    );
    expect(row!.accepted).toBe(5);
    expect(row!.finalized).toBe(1);
  });
});
