import { Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Queryable } from '../db/adapter';
import type { StoredItemLabels } from '../batches/labelsBlob';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, signIn, signedBatch, startTestHub } from '../testKit';
import { DecodedBlobs } from './decodedBlobs';
import { loadSubmissions } from './loadSubmissions';

const labelsOf = (n: number) => new Map(Array.from({ length: n }, (_, i): [string, StoredItemLabels] => [`item-${i}`, { itemId: `item-${i}`, shapes: [] }]));

it('holds batches up to its bound in label units, dropping the oldest first, and always keeps the one just added', () => {
  const held = new DecodedBlobs(10);
  held.set(1n, labelsOf(4));
  held.set(2n, labelsOf(4));
  expect(held.get(1n)?.size).toBe(4);
  held.set(3n, labelsOf(4)); // 12 items: the oldest goes
  expect([held.get(1n), held.get(2n)?.size, held.get(3n)?.size]).toEqual([undefined, 4, 4]);
  held.set(4n, labelsOf(25)); // larger than the bound alone: everything older goes, it stays
  expect([held.get(2n), held.get(3n), held.get(4n)?.size]).toEqual([undefined, undefined, 25]);
});

it('counts a video item by its keyframes, tags and segments, not as one item', () => {
  const held = new DecodedBlobs(100);
  const keyframes = Array.from({ length: 60 }, (_, frame) => ({ frame, box: { x: 0, y: 0, w: 1, h: 1 } }));
  const video: StoredItemLabels = {
    itemId: 'video-1',
    shapes: [],
    video: { frameCount: 100, tracks: [{ className: 'car', keyframes }], frameTags: [{ className: 'night', startFrame: 0, endFrame: 9 }], segments: [{ startFrame: 0, endFrame: 99 }] },
  };
  held.set(1n, labelsOf(30));
  held.set(2n, new Map([['video-1', video]])); // 1 + (1 + 60) + 1 + 1 = 64 units: 94 with the first, under 100
  expect([held.get(1n)?.size, held.get(2n)?.size]).toEqual([30, 1]);
  held.set(3n, labelsOf(10)); // 104: the oldest goes
  expect([held.get(1n), held.get(2n)?.size, held.get(3n)?.size]).toEqual([undefined, 1, 10]);
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
