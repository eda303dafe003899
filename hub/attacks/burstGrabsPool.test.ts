import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, signedBatch, signIn, startTestHub } from '../testKit';

/**
 * An annotator asks for work in bursts — large counts, back to back — to
 * hold a large share of a task's slots (and with more wallets, the deciding
 * slots). New items stop at `maxOpenAssignments` unsubmitted items per
 * annotator and task; only submitting frees room for more.
 */
describe('attack: a burst of assignment requests grabs the pool', () => {
  const CAP = 20;
  let hub: RunningHub;
  const requester = Wallet.createRandom();
  const attacker = Wallet.createRandom();

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address], operators: [], maxOpenAssignments: CAP });
  }, 120_000);
  afterAll(async () => hub?.close());

  it('holds an annotator at the cap of unsubmitted items however often and however much it asks; submitting frees room', async () => {
    const { taskId } = await createTestTask(hub, await signIn(hub, requester), 300, 3);
    const token = await signIn(hub, attacker);
    const ask = async (count: number) => (await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count } })).body.items.map((i) => i.itemId);
    const bursts = await Promise.all([ask(1000), ask(1000), ask(1000)]);
    for (const b of bursts) expect(b.length).toBeLessThanOrEqual(CAP);
    const again = await ask(10_000);
    expect(again).toHaveLength(CAP);
    const [held] = await hub.context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM assignments WHERE task_id = $1 AND annotator = $2', [taskId, attacker.address]);
    expect(held!.n).toBe(CAP);

    // Submitting 5 frees 5 places: the next ask returns the 15 still open and 5 new ones.
    const signed = await signedBatch(hub, attacker, taskId, again.slice(0, 5).map((itemId) => ({ itemId, shapes: [box('car', 10, 10)] })));
    expect((await call(hub, 'POST', '/batches', { token, json: signed })).status).toBe(200);
    const next = await ask(10_000);
    expect(next).toHaveLength(CAP);
    expect(next.filter((id) => again.slice(5).includes(id))).toHaveLength(CAP - 5);
    expect(next.filter((id) => again.slice(0, 5).includes(id))).toHaveLength(0);
  });

  it('defaults to 50 unsubmitted items per annotator and task', async () => {
    const other = await startTestHub({ requesters: [requester.address], operators: [] });
    try {
      expect(other.context.config.maxOpenAssignments).toBe(50);
      const { taskId } = await createTestTask(other, await signIn(other, requester), 120, 3);
      const got = await call<{ items: unknown[] }>(other, 'POST', `/tasks/${taskId}/assignments`, { token: await signIn(other, Wallet.createRandom()), json: { count: 1000 } });
      expect(got.body.items).toHaveLength(50);
    } finally {
      await other.close();
    }
  }, 120_000);
});
