import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnPostgres } from '../db/testPostgres';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, signedBatch, signIn, startTestHub } from '../testKit';
import { labelTask } from '../verdicts/verdictTestKit';
import { hubJobHandlers } from './hubJobs';
import { QUEUES } from './jobQueue';

/**
 * Decision jobs against a real hub: they are written with the batch (or not
 * at all), and running one twice decides and scores each item once.
 */
function decisionJobSuite(label: string, databaseUrl: () => string | undefined) {
  describe(`decision jobs on ${label}`, () => {
    let hub: RunningHub;
    let requesterToken: string;
    const requester = Wallet.createRandom();
    const annotators = Array.from({ length: 3 }, () => ({ wallet: Wallet.createRandom(), token: '' }));
    const jobCount = async () => (await hub.context.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1`, [QUEUES.decide]))[0]!.n;

    beforeAll(async () => {
      hub = await startTestHub({ databaseUrl: databaseUrl(), requesters: [requester.address], operators: [] });
      requesterToken = await signIn(hub, requester);
      for (const a of annotators) a.token = await signIn(hub, a.wallet);
    }, 180_000);
    afterAll(async () => hub?.close(), 180_000);

    it('a job sent in a transaction that rolls back is gone with it; one that commits stays', async () => {
      const before = await jobCount();
      await expect(
        hub.context.db.transaction(async (tx) => {
          await hub.context.jobs.enqueueDecision(tx, ['no-such-item']);
          throw new Error('the batch was refused after all');
        }),
      ).rejects.toThrow('refused after all');
      expect(await jobCount()).toBe(before);
      await hub.context.db.transaction((tx) => hub.context.jobs.enqueueDecision(tx, ['no-such-item']));
      expect(await jobCount()).toBe(before + 1);
      // A job for an unknown item decides nothing and fails nothing.
      await hub.context.consensusIdle();
    });

    it('a refused batch (one item not assigned) leaves no job and marks nothing ready, even for the items it would have completed', async () => {
      const { taskId } = await createTestTask(hub, requesterToken, 2, 3);
      const [itemId] = await labelTask(hub, taskId, annotators.slice(0, 2), 1, () => [box('car', 10, 10)]);
      const third = annotators[2]!;
      const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: third.token, json: { count: 2 } });
      const mine = got.body.items.map((i) => i.itemId);
      expect(mine).toContain(itemId);
      const before = await jobCount();
      const batch = await signedBatch(hub, third.wallet, taskId, [
        { itemId: itemId!, shapes: [box('car', 10, 10)] },
        { itemId: 'not-assigned-to-anyone', shapes: [box('car', 10, 10)] },
      ]);
      const res = await call<{ error: string }>(hub, 'POST', '/batches', { token: third.token, json: batch });
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('item_not_assigned');
      expect(await jobCount()).toBe(before);
      const [row] = await hub.context.db.query<{ status: string; ready: boolean }>('SELECT status, ready_at IS NOT NULL AS ready FROM items WHERE id = $1', [itemId]);
      expect(row).toEqual({ status: 'open', ready: false });
    });

    it('a decision job run twice (a retry after a lost acknowledgement, or two processes) decides and scores each item once', async () => {
      const { taskId } = await createTestTask(hub, requesterToken, 3, 3);
      const itemIds = await labelTask(hub, taskId, annotators, 3, (a, i) => [box('car', 10 + (a === 2 && i === 0 ? 400 : 0), 10)]);
      await hub.context.consensusIdle();
      const state = () =>
        hub.context.db.query<{ id: string; status: string; consensus: unknown; finalized_at: Date }>('SELECT id, status, consensus, finalized_at FROM items WHERE id = ANY($1::text[]) ORDER BY id', [itemIds]);
      const history = async () =>
        (await hub.context.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reputation_history WHERE item_id = ANY($1::text[])`, [itemIds]))[0]!.n;
      const handlers = hubJobHandlers(hub.context);
      await handlers[QUEUES.score]([{}]);
      const decided = await state();
      const scored = await history();
      expect(decided.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
      expect(scored).toBe(9);
      // The same job again, twice at once and once more after: nothing changes.
      // Also as parts of one round (two jobs of the same items), and once more after.
      await Promise.all([handlers[QUEUES.decide]([{ itemIds }]), handlers[QUEUES.decide]([{ itemIds }, { itemIds: itemIds.slice(1) }])]);
      await handlers[QUEUES.decide]([{ itemIds }]);
      await handlers[QUEUES.sweep]([{}]);
      await handlers[QUEUES.score]([{}]);
      expect(await state()).toEqual(decided);
      expect(await history()).toBe(scored);
    });
  });
}

decisionJobSuite('PGlite', () => undefined);
describeOnPostgres('decision jobs', (url) => decisionJobSuite('PostgreSQL', url));
