import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, signedBatch, signIn, startTestHub } from '../testKit';

/** The hub would wait this long for a decision; a stranger's answer must come far sooner. */
const DECISION_WAIT_MS = 120_000;
const AT_ONCE_MS = 20_000;

/**
 * Any signed-in account may ask for any item id. If the hub waited for a
 * ready item's decision before checking who asks, a stranger could make it
 * poll for seconds per GET and read from the latency whether the item
 * reached k. Access is resolved first: a stranger is refused at once, with
 * the same answer for a ready item as for one nobody submitted.
 */
describe('attack: a stranger probes whether an item reached k', () => {
  let hub: RunningHub;
  const requester = Wallet.createRandom();
  const annotator = Wallet.createRandom();
  const stranger = Wallet.createRandom();
  let token = { requester: '', annotator: '', stranger: '' };
  let ready = '';
  let notReady = '';

  beforeAll(async () => {
    // No worker: the ready item stays undecided for the whole test.
    hub = await startTestHub({ requesters: [requester.address], operators: [] }, { work: false, decisionWaitMs: DECISION_WAIT_MS });
    token = { requester: await signIn(hub, requester), annotator: await signIn(hub, annotator), stranger: await signIn(hub, stranger) };
    const { taskId } = await createTestTask(hub, token.requester, 2, 1);
    const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: token.annotator, json: { count: 2 } });
    [ready, notReady] = got.body.items.map((i) => i.itemId) as [string, string];
    const batch = await signedBatch(hub, annotator, taskId, [{ itemId: ready, shapes: [box('car', 10, 10)] }]);
    expect((await call(hub, 'POST', '/batches', { token: token.annotator, json: batch })).status).toBe(200);
    const rows = await hub.context.db.query<{ id: string; status: string; ready: boolean }>('SELECT id, status, ready_at IS NOT NULL AS ready FROM items WHERE task_id = $1', [taskId]);
    expect(rows.find((r) => r.id === ready)).toMatchObject({ status: 'open', ready: true });
    expect(rows.find((r) => r.id === notReady)).toMatchObject({ status: 'open', ready: false });
  }, 180_000);
  afterAll(async () => hub?.close(), 180_000);

  it("is refused at once, alike for a ready and an unready item, on the item and its lineage", async () => {
    for (const path of ['', '/lineage']) {
      const answers = [];
      for (const item of [ready, notReady]) {
        const t0 = Date.now();
        const res = await call<{ error: string; message: string }>(hub, 'GET', `/items/${item}${path}`, { token: token.stranger });
        expect(Date.now() - t0, `${path || 'item'} of ${item === ready ? 'the ready' : 'the unready'} item`).toBeLessThan(AT_ONCE_MS);
        answers.push({ status: res.status, error: res.body.error, message: res.body.message.replace(item, '<item>') });
      }
      expect(answers[0]!.status).toBe(403);
      expect(answers[0]).toEqual(answers[1]);
    }
  }, 120_000);

  it('the requester still reads the ready item (its wait is theirs; here the item stays undecided)', async () => {
    hub.context.consensus = { settled: async () => {}, settledTask: async () => {} };
    const res = await call<{ status: string; submissions: number }>(hub, 'GET', `/items/${ready}`, { token: token.requester });
    expect([res.status, res.body.status, res.body.submissions]).toEqual([200, 'open', 1]);
  });
});
