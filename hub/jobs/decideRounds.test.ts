import { Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { box, createTestTask, signIn, signedBatch, call, startTestHub } from '../testKit';
import { QUEUES } from './jobQueue';

/**
 * Decide jobs are taken in rounds (`decideRoundJobs` per fetch). A round that
 * came back full fetches again at once instead of sleeping until the next
 * poll, so a backlog larger than one round drains without waiting on the
 * poll interval, here made far longer than the test's bound.
 */
let hub: RunningHub;
const requester = Wallet.createRandom();
beforeAll(async () => {
  hub = await startTestHub({ requesters: [requester.address], operators: [] }, { decideRoundJobs: 2, pollMs: 600_000 });
}, 180_000);
afterAll(async () => hub?.close(), 180_000);

const waiting = async () =>
  (await hub.context.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'active')`, [QUEUES.decide]))[0]!.n;

it('a backlog of five decide jobs drains in rounds of two after one wake, without waiting for the poll', async () => {
  // Let the start's own sweep and its first empty fetches pass, so the backlog below meets a sleeping worker.
  await hub.context.consensusIdle();
  await hub.context.db.transaction(async (tx) => {
    for (let i = 0; i < 5; i++) await hub.context.jobs.enqueueDecision(tx, [`no-such-item-${i}`]);
  });
  expect(await waiting()).toBe(5);
  hub.context.jobs.wakeDecide();
  // Polled here without waking anyone (jobs.idle would wake the workers), bounded far below the 10-minute poll:
  // only the rounds' own re-fetches can drain it in time.
  for (const deadline = Date.now() + 60_000; (await waiting()) > 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
  expect(await waiting()).toBe(0);
}, 180_000);

it('an upload that completes an item wakes the decide worker itself: decided without the poll or any reader waking it', async () => {
  const annotator = Wallet.createRandom();
  const token = await signIn(hub, annotator);
  const { taskId } = await createTestTask(hub, await signIn(hub, requester), 1, 1);
  const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: 1 } });
  const itemId = got.body.items[0]!.itemId;
  const res = await call(hub, 'POST', '/batches', { token, json: await signedBatch(hub, annotator, taskId, [{ itemId, shapes: [box('car', 10, 10)] }]) });
  expect(res.status).toBe(200);
  const status = async () => (await hub.context.db.query<{ status: string }>('SELECT status FROM items WHERE id = $1', [itemId]))[0]!.status;
  // Read straight from the table (GET /items would wake the worker): only the route's own wake can decide it in time.
  for (const deadline = Date.now() + 60_000; (await status()) === 'open' && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
  expect(await status()).toBe('accepted');
}, 180_000);
