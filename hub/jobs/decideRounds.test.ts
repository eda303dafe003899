import { Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { startTestHub } from '../testKit';
import { QUEUES } from './jobQueue';

/**
 * Decide jobs are taken in rounds (`decideRoundJobs` per fetch). A round that
 * came back full fetches again at once instead of sleeping until the next
 * poll, so a backlog larger than one round drains without waiting on the
 * poll interval, here made far longer than the test's bound.
 */
let hub: RunningHub;
beforeAll(async () => {
  hub = await startTestHub({ requesters: [Wallet.createRandom().address], operators: [] }, { decideRoundJobs: 2, pollMs: 600_000 });
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
  hub.context.jobs.wakeIfEnqueued();
  // Polled here without waking anyone (jobs.idle would wake the workers), bounded far below the 10-minute poll:
  // only the rounds' own re-fetches can drain it in time.
  for (const deadline = Date.now() + 60_000; (await waiting()) > 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
  expect(await waiting()).toBe(0);
  // Nothing was enqueued since: a second call wakes nobody (and must not throw).
  hub.context.jobs.wakeIfEnqueued();
}, 180_000);
