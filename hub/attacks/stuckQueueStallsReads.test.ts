import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDecisionWait } from '../consensus/decisionWait';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, signedBatch, signIn, startTestHub } from '../testKit';

/** Far above any answer's time on a loaded box, far below "waits for the queue". */
const AT_ONCE_MS = 20_000;

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = Date.now();
  const value = await f();
  return { ms: Date.now() - t0, value };
}

/**
 * A decision job nobody runs — a replica with HUB_JOB_WORKERS=0, a process
 * that died holding the job (pg-boss expires it only after expireSeconds),
 * or simply a flood of other tasks' batches — must not stall reads: task
 * listings and lineage wait only for their own task's ready items, at most
 * decisionWaitMs, and reputation reads do not wait on the queue at all.
 */
describe('attack: a decision job nobody runs stalls every read that waited on the queue', () => {
  let hub: RunningHub;
  const requester = Wallet.createRandom();
  const annotator = Wallet.createRandom();
  let token = { requester: '', annotator: '' };
  let stuckTask = '';
  let quietTask = '';

  beforeAll(async () => {
    // No worker in this process: the batch's job stays queued, its item ready and open (what any stuck job leaves).
    hub = await startTestHub({ requesters: [requester.address], operators: [] }, { work: false, decisionWaitMs: 120_000 });
    token = { requester: await signIn(hub, requester), annotator: await signIn(hub, annotator) };
    stuckTask = (await createTestTask(hub, token.requester, 1, 1)).taskId;
    quietTask = (await createTestTask(hub, token.requester, 1, 1)).taskId;
    const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${stuckTask}/assignments`, { token: token.annotator, json: { count: 1 } });
    const batch = await signedBatch(hub, annotator, stuckTask, [{ itemId: got.body.items[0]!.itemId, shapes: [box('car', 10, 10)] }]);
    expect((await call(hub, 'POST', '/batches', { token: token.annotator, json: batch })).status).toBe(200);
  }, 180_000);
  afterAll(async () => hub?.close(), 180_000);

  it('the job is queued and its item ready and undecided (the precondition)', async () => {
    const [job] = await hub.context.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'consensus-decide' AND state = 'created'`);
    expect(job!.n).toBe(1);
    const items = await hub.context.db.query<{ status: string; ready: boolean }>('SELECT status, ready_at IS NOT NULL AS ready FROM items WHERE task_id = $1', [stuckTask]);
    expect(items).toEqual([{ status: 'open', ready: true }]);
  });

  it("another task's listing and export answer at once", async () => {
    const list = await timed(() => call<{ counts: { open: number } }>(hub, 'GET', `/tasks/${quietTask}/items`, { token: token.requester }));
    expect([list.value.status, list.value.body.counts.open]).toEqual([200, 1]);
    expect(list.ms).toBeLessThan(AT_ONCE_MS);
    const zip = await timed(() => call(hub, 'GET', `/tasks/${quietTask}/export?format=coco`, { token: token.requester }));
    expect(zip.value.status).toBe(200);
    expect(zip.ms).toBeLessThan(AT_ONCE_MS);
  }, 120_000);

  it('a reputation read answers at once', async () => {
    const rep = await timed(() => call(hub, 'GET', `/reputation/${annotator.address}`));
    expect(rep.value.status).toBe(200);
    expect(rep.ms).toBeLessThan(AT_ONCE_MS);
  }, 120_000);

  it("the stuck task's own listing waits at most decisionWaitMs, then answers what is stored", async () => {
    hub.context.consensus = createDecisionWait(hub.context.db, { maxWaitMs: 1_000, wake: hub.context.jobs.wake, stopped: () => hub.context.jobs.stopped });
    const list = await timed(() => call<{ counts: { open: number } }>(hub, 'GET', `/tasks/${stuckTask}/items`, { token: token.requester }));
    expect([list.value.status, list.value.body.counts.open]).toEqual([200, 1]);
    expect(list.ms).toBeGreaterThanOrEqual(900);
    expect(list.ms).toBeLessThan(AT_ONCE_MS);
  }, 120_000);
});
