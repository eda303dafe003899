import { Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Queryable } from '../db/adapter';
import { decodeLabelsBlobSized, encodeLabelsBlob, type StoredItemLabels } from '../batches/labelsBlob';
import { canonicalItemLabels } from '../../core/sync/canonicalLabels';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, signIn, signedBatch, startTestHub } from '../testKit';
import { DecodedBlobs } from './decodedBlobs';
import { loadSubmissions } from './loadSubmissions';

const labelsOf = (n: number) => new Map(Array.from({ length: n }, (_, i): [string, StoredItemLabels] => [`item-${i}`, { itemId: `item-${i}`, shapes: [] }]));

it('holds batches up to its bound in decoded text, dropping the oldest first, and always keeps the one just added', () => {
  const held = new DecodedBlobs(1000);
  held.set(1n, labelsOf(1), 400);
  held.set(2n, labelsOf(1), 400);
  expect(held.get(1n)?.size).toBe(1);
  held.set(3n, labelsOf(1), 400); // 1,200 bytes: the oldest goes
  expect([held.get(1n), held.get(2n)?.size, held.get(3n)?.size]).toEqual([undefined, 1, 1]);
  held.set(4n, labelsOf(1), 2500); // larger than the bound alone: everything older goes, it stays
  expect([held.get(2n), held.get(3n), held.get(4n)?.size]).toEqual([undefined, undefined, 1]);
});

it('is bounded by what a batch decoded from, so a few items with heavy attributes count for what they hold', () => {
  const heavy = encodeLabelsBlob([canonicalItemLabels('item-0', [{ className: 'car', box: { x: 1, y: 2, w: 3, h: 4 }, attributes: { note: 'x'.repeat(4000) } }])]);
  const light = encodeLabelsBlob([canonicalItemLabels('item-0', [{ className: 'car', box: { x: 1, y: 2, w: 3, h: 4 } }])]);
  const [h, l] = [decodeLabelsBlobSized(heavy), decodeLabelsBlobSized(light)];
  expect(h.labels.get('item-0')?.shapes[0]?.attributes).toEqual({ note: 'x'.repeat(4000) });
  expect(h.textBytes).toBeGreaterThan(4000);
  expect(l.textBytes).toBeLessThan(200);
  // Room for one heavy and one light batch: a second light one makes the oldest go, though each holds one item.
  const held = new DecodedBlobs(h.textBytes + l.textBytes);
  held.set(1n, l.labels, l.textBytes);
  held.set(2n, h.labels, h.textBytes);
  held.set(3n, l.labels, l.textBytes);
  expect([held.get(1n), held.get(2n)?.size, held.get(3n)?.size]).toEqual([undefined, 1, 1]);
});

let hub: RunningHub;
const requester = Wallet.createRandom();
beforeAll(async () => {
  hub = await startTestHub({ requesters: [requester.address], operators: [] });
}, 180_000);
afterAll(async () => hub?.close(), 180_000);

it('loadSubmissions reads and decodes a batch it was given decoded only once, and returns the same submissions', async () => {
  const annotator = Wallet.createRandom();
  const token = await signIn(hub, annotator);
  const { taskId } = await createTestTask(hub, await signIn(hub, requester), 2, 1);
  const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: 2 } });
  const itemIds = got.body.items.map((i) => i.itemId);
  const body = await signedBatch(hub, annotator, taskId, [
    { itemId: itemIds[0]!, shapes: [box('car', 10, 10)] },
    { itemId: itemIds[1]!, shapes: [box('person', 30, 40)] },
  ]);
  expect((await call(hub, 'POST', '/batches', { token, json: body })).status).toBe(200);
  const statements: string[] = [];
  const counting: Queryable = { query: (sql, params) => (statements.push(sql), hub.context.db.query(sql, params)) };
  const decoded = new DecodedBlobs();
  // Two rounds, one item each, from the same batch: as scoring takes them.
  const first = await loadSubmissions(counting, [itemIds[0]!], { decoded });
  const second = await loadSubmissions(counting, [itemIds[1]!], { decoded });
  expect(statements.filter((sql) => sql.includes('b.labels'))).toHaveLength(1);
  expect([...first, ...second].map((s) => [s.itemId, s.shapes.map((x) => x.className)])).toEqual([
    [itemIds[0], ['car']],
    [itemIds[1], ['person']],
  ]);
  expect([...first, ...second]).toEqual([...(await loadSubmissions(hub.context.db, [itemIds[0]!])), ...(await loadSubmissions(hub.context.db, [itemIds[1]!]))]);
}, 180_000);
