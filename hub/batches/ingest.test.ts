import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalizeReadyItems } from '../consensus/finalizeItems';
import { describeOnPostgres } from '../db/testPostgres';
import type { RunningHub } from '../startHub';
import { storeBatch } from './storeBatch';
import type { VerifiedBatch } from './verifyBatchBody';
import { box, call, createTestTask, signedBatch, signIn, startTestHub } from '../testKit';

const requester = Wallet.createRandom();
const operator = Wallet.createRandom();
const annotators = [Wallet.createRandom(), Wallet.createRandom(), Wallet.createRandom(), Wallet.createRandom()];

async function counts(hub: RunningHub) {
  const [row] = await hub.context.db.query<{ batches: number; submitted: number }>(
    `SELECT (SELECT count(*)::int FROM batches) AS batches, (SELECT count(*)::int FROM assignments WHERE batch_id IS NOT NULL) AS submitted`,
  );
  return row!;
}

function ingestSuite(name: string, databaseUrl: () => string | undefined) {
  describe(`signed batch ingest on ${name}`, () => {
    let hub: RunningHub;
    const tokens: string[] = [];
    let taskId: string;
    let itemIds: string[];
    // Consensus details and lineage are for the task's requester (hub/access); annotators see their own view.
    let reqToken: string;

    beforeAll(async () => {
      hub = await startTestHub({ requesters: [requester.address], operators: [operator.address], databaseUrl: databaseUrl() });
      reqToken = await signIn(hub, requester);
      for (const a of annotators) tokens.push(await signIn(hub, a));
      ({ taskId } = await createTestTask(hub, reqToken, 6, 3));
      const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: tokens[0], json: { count: 4 } });
      itemIds = got.body.items.map((i) => i.itemId);
      // New items are drawn at random (tasks/pickRandomItems.ts): annotators 1 and 2 take all six, so they hold annotator 0's four too.
      for (const t of tokens.slice(1, 3)) await call(hub, 'POST', `/tasks/${taskId}/assignments`, { token: t, json: { count: 6 } });
    }, 180_000);
    afterAll(async () => hub?.close());

    const labels = (ids: string[], dx = 0) => ids.map((itemId) => ({ itemId, shapes: [box('car', 10 + dx, 20), box('person', 200, 100, 30, 80)] }));

    async function expectRejected(body: unknown, token: string, status: number, code: string) {
      const before = await counts(hub);
      const res = await call<{ error: string; message: string }>(hub, 'POST', '/batches', { token, json: body });
      expect(res.body.error, res.body.message).toBe(code);
      expect(res.status).toBe(status);
      expect(res.body.message.length).toBeGreaterThan(10);
      expect(await counts(hub)).toEqual(before);
      return res.body.message;
    }

    it('refuses tampered labels: the recomputed root differs from the signed one', async () => {
      const signed = await signedBatch(hub, annotators[0]!, taskId, labels(itemIds.slice(0, 2)));
      signed.items[1]!.shapes[0]!.box.x += 5;
      expect(await expectRejected(signed, tokens[0]!, 400, 'root_mismatch')).toMatch(/labels changed after signing/);
    });

    it('refuses a batch signed by another key than batch.annotator', async () => {
      const signed = await signedBatch(hub, annotators[1]!, taskId, labels(itemIds.slice(0, 2)));
      const forged = { ...signed, batch: { ...signed.batch, annotator: annotators[0]!.address } };
      await expectRejected(forged, tokens[0]!, 401, 'wrong_signer');
    });

    it("refuses another annotator's valid batch uploaded with my session", async () => {
      const signed = await signedBatch(hub, annotators[1]!, taskId, labels(itemIds.slice(0, 2)));
      await expectRejected(signed, tokens[0]!, 403, 'signer_not_session');
    });

    it("refuses a signature made for another chain's or another contract's domain", async () => {
      const otherChain = await signedBatch(hub, annotators[0]!, taskId, labels(itemIds.slice(0, 2)), { chainId: 1 });
      expect(await expectRejected(otherChain, tokens[0]!, 401, 'wrong_signer')).toMatch(/another chain or contract/);
      const otherContract = await signedBatch(hub, annotators[0]!, taskId, labels(itemIds.slice(0, 2)), { verifyingContract: Wallet.createRandom().address });
      await expectRejected(otherContract, tokens[0]!, 401, 'wrong_signer');
    });

    it('refuses an expired deadline', async () => {
      const signed = await signedBatch(hub, annotators[0]!, taskId, labels(itemIds.slice(0, 2)), { deadline: Math.floor(Date.now() / 1000) - 5 });
      await expectRejected(signed, tokens[0]!, 400, 'deadline_passed');
    });

    it('refuses items not assigned to the signer, storing none of the batch', async () => {
      const [{ itemId: foreign }] = (await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: tokens[3], json: { count: 1 } })).body.items as [{ itemId: string }];
      const notMine = itemIds.includes(foreign) ? 'item_does_not_exist' : foreign;
      const signed = await signedBatch(hub, annotators[0]!, taskId, labels([itemIds[0]!, notMine]));
      expect(await expectRejected(signed, tokens[0]!, 403, 'item_not_assigned')).toContain(notMine);
    });

    it('refuses an itemCount that does not match the body, and malformed or oversized bodies', async () => {
      const signed = await signedBatch(hub, annotators[0]!, taskId, labels(itemIds.slice(0, 2)));
      await expectRejected({ ...signed, items: signed.items.slice(0, 1) }, tokens[0]!, 400, 'item_count_mismatch');
      await expectRejected({ ...signed, signature: '0x1234' }, tokens[0]!, 400, 'invalid_body');
      await expectRejected({ ...signed, items: [{ itemId: itemIds[0], shapes: [{ className: 'car', box: { x: 'a' } }] }] }, tokens[0]!, 400, 'invalid_body');
      const many = Array.from({ length: 5001 }, (_, i) => ({ itemId: `x${i}`, shapes: [] }));
      await expectRejected({ ...signed, items: many }, tokens[0]!, 413, 'batch_too_large');
      const before = await counts(hub);
      const notJson = await fetch(`${hub.url}/batches`, { method: 'POST', headers: { authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' }, body: '{"batch":' });
      expect(notJson.status).toBe(400);
      expect(((await notJson.json()) as { error: string }).error).toBe('invalid_json');
      const huge = await fetch(`${hub.url}/batches`, { method: 'POST', headers: { authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' }, body: `"${'x'.repeat(17 * 1024 * 1024)}"` });
      expect(huge.status).toBe(413);
      expect(await counts(hub)).toEqual(before);
    });

    it('refuses a batch without a session', async () => {
      const signed = await signedBatch(hub, annotators[0]!, taskId, labels(itemIds.slice(0, 2)));
      const res = await call(hub, 'POST', '/batches', { json: signed });
      expect(res.status).toBe(401);
    });

    it('stores a valid batch once: the same batch again answers the same receipt with duplicate: true', async () => {
      const signed = await signedBatch(hub, annotators[0]!, taskId, labels(itemIds.slice(0, 2)), { nonce: 7n });
      const before = await counts(hub);
      const first = await call<{ batchId: string; root: string; duplicate: boolean; acceptedAt: string }>(hub, 'POST', '/batches', { token: tokens[0], json: signed });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ root: signed.batch.root, duplicate: false });
      expect(first.body.batchId).toMatch(/^0x[0-9a-f]{64}$/);
      const again = await call<typeof first.body>(hub, 'POST', '/batches', { token: tokens[0], json: signed });
      expect(again.body).toEqual({ ...first.body, duplicate: true });
      expect(await counts(hub)).toEqual({ batches: before.batches + 1, submitted: before.submitted + 2 });
    });

    it('refuses a replayed nonce on a different batch, and an item submitted twice', async () => {
      const replay = await signedBatch(hub, annotators[0]!, taskId, labels(itemIds.slice(2, 4)), { nonce: 7n });
      await expectRejected(replay, tokens[0]!, 409, 'nonce_used');
      const twice = await signedBatch(hub, annotators[0]!, taskId, labels(itemIds.slice(1, 3)));
      await expectRejected(twice, tokens[0]!, 409, 'item_already_submitted');
    });

    it('forms consensus when the third annotator submits: accepted with merged labels, lineage shows all three', async () => {
      const item = itemIds[0]!;
      const r1 = await call(hub, 'POST', '/batches', { token: tokens[1], json: await signedBatch(hub, annotators[1]!, taskId, labels([item], 2)) });
      expect(r1.status).toBe(200);
      expect((await call<{ status: string }>(hub, 'GET', `/items/${item}`, { token: tokens[0] })).body.status).toBe('open');
      // The third annotator misses the person and draws the car slightly off: two of three agree.
      const third = await signedBatch(hub, annotators[2]!, taskId, [{ itemId: item, shapes: [box('car', 14, 22)] }]);
      expect((await call(hub, 'POST', '/batches', { token: tokens[2], json: third })).status).toBe(200);
      const state = await call<{ status: string; consensus: { labels: unknown[]; agreeingAnnotators: string[]; score: number } }>(hub, 'GET', `/items/${item}`, { token: reqToken });
      expect(state.body.status).toBe('accepted');
      expect(state.body.consensus.labels).toHaveLength(2);
      expect(state.body.consensus.agreeingAnnotators).toEqual([annotators[0]!.address, annotators[1]!.address].sort());
      const lineage = await call<{ submissions: { annotator: string; signature: string; batchId: string; labelsMatchHash: boolean }[] }>(hub, 'GET', `/items/${item}/lineage`, { token: reqToken });
      expect(lineage.body.submissions.map((s) => s.annotator).sort()).toEqual(annotators.slice(0, 3).map((a) => a.address).sort());
      expect(lineage.body.submissions.every((s) => s.labelsMatchHash && /^0x[0-9a-f]{130}$/.test(s.signature))).toBe(true);
      expect(lineage.body.submissions.find((s) => s.annotator === annotators[2]!.address)!.signature).toBe(third.signature.toLowerCase());
    });

    it('decides consensus after the response, in the background: the row is decided once consensusIdle() resolves', async () => {
      const item = itemIds[3]!;
      for (const i of [0, 1, 2]) {
        const res = await call(hub, 'POST', '/batches', { token: tokens[i], json: await signedBatch(hub, annotators[i]!, taskId, labels([item])) });
        expect(res.status).toBe(200);
      }
      await hub.context.consensusIdle();
      const [row] = await hub.context.db.query<{ status: string }>('SELECT status FROM items WHERE id = $1', [item]);
      expect(row!.status).toBe('accepted');
    });

    it('enqueues the decision in the batch\'s own transaction (storeBatch alone, no route), and the sweep decides an item whose job was lost', async () => {
      const item = itemIds[2]!;
      for (const i of [0, 1]) expect((await call(hub, 'POST', '/batches', { token: tokens[i], json: await signedBatch(hub, annotators[i]!, taskId, labels([item])) })).status).toBe(200);
      const verified = await hub.context.verifier.verify(JSON.stringify(await signedBatch(hub, annotators[2]!, taskId, labels([item]))));
      expect(verified.ok).toBe(true);
      await storeBatch(hub.context, verified as VerifiedBatch);
      await hub.context.consensusIdle();
      expect((await call<{ status: string; submissions: number }>(hub, 'GET', `/items/${item}`, { token: reqToken })).body).toMatchObject({ status: 'accepted', submissions: 3 });
      // As if its job had been lost: the item is open again with k submissions (items.ready_at still says so).
      await hub.context.db.query(`UPDATE items SET status = 'open', consensus = NULL, finalized_at = NULL WHERE id = $1`, [item]);
      expect(await finalizeReadyItems(hub.context)).toBe(1);
      expect((await call<{ status: string }>(hub, 'GET', `/items/${item}`, { token: tokens[0] })).body.status).toBe('accepted');
      expect(await finalizeReadyItems(hub.context)).toBe(0);
    });

    it('disputes an item the annotators disagree on', async () => {
      const item = itemIds[1]!;
      const classes = ['car', 'person', 'car'];
      for (const i of [1, 2]) {
        const shapes = i === 1 ? [box('person', 300, 300)] : [box(classes[i]!, 500, 10)];
        expect((await call(hub, 'POST', '/batches', { token: tokens[i], json: await signedBatch(hub, annotators[i]!, taskId, [{ itemId: item, shapes }]) })).status).toBe(200);
      }
      expect((await call<{ status: string }>(hub, 'GET', `/items/${item}`, { token: tokens[0] })).body.status).toBe('disputed');
    });
  });
}

ingestSuite('PGlite', () => undefined);

describeOnPostgres('signed batch ingest', (url) => ingestSuite('PostgreSQL', url));
