import { SimpleMerkleTree } from '@openzeppelin/merkle-tree';
import { describe, expect, it } from 'vitest';
import { itemLabelHash } from './canonicalLabels';
import { merkleProof, verifyMerkleProof } from './merkle';
import { batchLeaves, buildLabelBatch, checkBatchContents, taskIdToBytes32, type BatchItem } from './labelBatch';

const annotator = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const items: BatchItem[] = [
  { itemId: 'img-3', shapes: [{ className: 'car', box: { x: 1, y: 2, w: 3, h: 4 } }] },
  { itemId: 'img-1', shapes: [] },
  { itemId: 'img-2', shapes: [{ className: 'person', box: { x: 9.999, y: 0, w: 5, h: 5 } }, { className: 'car', box: { x: 0, y: 0, w: 1, h: 1 } }] },
];

describe('label batches', () => {
  it('builds a batch with items in id order, shapes canonical, and the root over their label hashes', () => {
    const { batch, items: canonical } = buildLabelBatch({ annotator, taskId: 't1', items, nonce: 7n, deadline: 1_900_000_000 });
    expect(canonical.map((i) => i.itemId)).toEqual(['img-1', 'img-2', 'img-3']);
    expect(canonical[1]!.shapes.map((s) => s.className)).toEqual(['car', 'person']);
    expect(canonical[1]!.shapes[1]!.box.x).toBe(10);
    const hashes = canonical.map((i) => itemLabelHash(i.itemId, i.shapes));
    expect(batch).toEqual({
      annotator,
      task: taskIdToBytes32('t1'),
      root: SimpleMerkleTree.of(hashes, { sortLeaves: false }).root,
      itemCount: 3,
      nonce: '7',
      deadline: 1_900_000_000,
    });
  });

  it('gives the same root whatever order the items and shapes arrive in', () => {
    const shuffled = [items[2]!, items[0]!, items[1]!].map((i) => ({ ...i, shapes: [...i.shapes].reverse() }));
    const a = buildLabelBatch({ annotator, taskId: 't1', items, nonce: 1, deadline: 0 });
    const b = buildLabelBatch({ annotator, taskId: 't1', items: shuffled, nonce: 1, deadline: 0 });
    expect(b.batch.root).toBe(a.batch.root);
  });

  it('proves one item belongs to a signed batch', () => {
    const { batch, items: canonical } = buildLabelBatch({ annotator, taskId: 't1', items, nonce: 1, deadline: 0 });
    const leaves = batchLeaves(canonical);
    const index = leaves.findIndex((l) => l.itemId === 'img-2');
    expect(verifyMerkleProof(leaves[index]!.hash, merkleProof(leaves.map((l) => l.hash), index), batch.root)).toBe(true);
  });

  it('accepts untouched contents and names tampered labels and a lying item count', () => {
    const { batch, items: canonical } = buildLabelBatch({ annotator, taskId: 't1', items, nonce: 1, deadline: 0 });
    expect(checkBatchContents(batch, canonical)).toBeNull();
    const tampered = canonical.map((i) => (i.itemId === 'img-3' ? { ...i, shapes: [{ ...i.shapes[0]!, className: 'truck' }] } : i));
    expect(checkBatchContents(batch, tampered)).toMatchObject({ code: 'root_mismatch' });
    const dropped = canonical.map((i) => (i.itemId === 'img-2' ? { ...i, shapes: i.shapes.slice(1) } : i));
    expect(checkBatchContents(batch, dropped)).toMatchObject({ code: 'root_mismatch' });
    expect(checkBatchContents({ ...batch, itemCount: 2 }, canonical)).toMatchObject({ code: 'item_count_mismatch' });
  });

  it('refuses an empty batch and a repeated item', () => {
    expect(() => buildLabelBatch({ annotator, taskId: 't1', items: [], nonce: 1, deadline: 0 })).toThrow('at least one item');
    expect(() => batchLeaves([items[0]!, items[0]!])).toThrow('"img-3" appears twice');
  });
});
