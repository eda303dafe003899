import { Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { box, createTestTask, signIn, signedBatch, call, startTestHub } from '../testKit';
import { QUEUES } from './jobQueue';

/**
 * Decide jobs are taken in rounds (`decideRoundJobs` per fetch). A round that
 * came back full fetches again at once instead of sleeping until the next
 * poll, so a backlog larger than one round drains without waiting on the
 * poll interval, here made far longer than the test's bound. An upload that
 * completes items wakes the worker after `decideLingerMs`, so the batches
 * completing items meanwhile share its round: the linger is made long here
 * so that holds however slowly a loaded machine stores them.
 */
const LINGER_MS = 3000;
let hub: RunningHub;
const requester = Wallet.createRandom();
beforeAll(async () => {
  hub = await startTestHub({ requesters: [requester.address], operators: [] }, { decideRoundJobs: 2, pollMs: 600_000, decideLingerMs: LINGER_MS });
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

it('uploads that complete items within the linger are decided in one round: one fetch for both, not one each', async () => {
  const annotator = Wallet.createRandom();
  const token = await signIn(hub, annotator);
  const { taskId } = await createTestTask(hub, await signIn(hub, requester), 2, 1);
  const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: 2 } });
  const itemIds = got.body.items.map((i) => i.itemId);
  expect(itemIds).toHaveLength(2);
  // Signed first, then uploaded together: each batch completes one item (k = 1) and enqueues its own decide job.
  const bodies = await Promise.all(itemIds.map((itemId, n) => signedBatch(hub, annotator, taskId, [{ itemId, shapes: [box('car', 10, 10)] }], { nonce: BigInt(n + 1) })));
  const answers = await Promise.all(bodies.map((json) => call(hub, 'POST', '/batches', { token, json })));
  expect(answers.map((a) => a.status)).toEqual([200, 200]);
  const jobs = async () =>
    hub.context.db.query<{ state: string; started_on: Date | null }>(`SELECT state, started_on FROM pgboss.job WHERE name = $1 AND data->'itemIds'->>0 = ANY($2::text[])`, [QUEUES.decide, itemIds]);
  for (const deadline = Date.now() + 60_000; (await jobs()).some((j) => j.state !== 'completed') && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
  const done = await jobs();
  expect(done.map((j) => j.state)).toEqual(['completed', 'completed']);
  // One fetch marks its jobs active in one statement, so they share its now(): one started_on is one round.
  expect(new Set(done.map((j) => j.started_on!.getTime())).size).toBe(1);
}, 180_000);
