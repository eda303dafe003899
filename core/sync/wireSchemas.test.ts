import { describe, expect, it } from 'vitest';
import { buildLabelBatch } from './labelBatch';
import { SYNC_LIMITS, SignedBatchUploadSchema, describeIssues } from './wireSchemas';

const annotator = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const { batch, items } = buildLabelBatch({
  annotator,
  taskId: 't',
  items: [{ itemId: 'a', shapes: [{ className: 'car', box: { x: 1, y: 2, w: 3, h: 4 }, attributes: { color: 'red' } }] }],
  nonce: 1,
  deadline: 1_900_000_000,
});
const upload = { batch, signature: `0x${'11'.repeat(65)}`, items };

function problems(body: unknown): string {
  const result = SignedBatchUploadSchema.safeParse(body);
  return result.success ? '' : describeIssues(result.error);
}

describe('SignedBatchUploadSchema', () => {
  it('accepts a well-formed upload', () => {
    expect(problems(upload)).toBe('');
  });

  it('names the field of each malformed value', () => {
    expect(problems({ ...upload, batch: { ...batch, annotator: '0x12' } })).toMatch(/^batch\.annotator: must be an address/);
    expect(problems({ ...upload, batch: { ...batch, root: 'abc' } })).toMatch(/^batch\.root: must be 0x and 64 hex/);
    expect(problems({ ...upload, batch: { ...batch, nonce: 5 } })).toMatch(/^batch\.nonce/);
    expect(problems({ ...upload, batch: { ...batch, nonce: '2'.repeat(78) } })).toMatch(/^batch\.nonce: does not fit in uint256/);
    expect(problems({ ...upload, signature: '0x00' })).toMatch(/^signature: must be a 65-byte signature/);
    expect(problems({ ...upload, items: [{ itemId: 'a', shapes: [{ className: 'car', box: { x: 0, y: 0, w: -1, h: 1 } }] }] })).toMatch(/^items\[0\]\.shapes\[0\]\.box\.w/);
    expect(problems({ ...upload, batch: { ...batch, itemCount: 2 } })).toMatch(/^batch\.itemCount: says 2 items but the body carries 1/);
    expect(problems({ ...upload, batch: { ...batch, itemCount: 2 }, items: [items[0], items[0]] })).toMatch(/^items\[1\]\.itemId: item "a" appears twice/);
  });

  it('refuses oversized bodies by count, not by memory', () => {
    const many = Array.from({ length: SYNC_LIMITS.maxItemsPerBatch + 1 }, (_, i) => ({ itemId: `i${i}`, shapes: [] }));
    expect(problems({ ...upload, batch: { ...batch, itemCount: many.length }, items: many })).toMatch(/itemCount|items/);
    const crowded = [{ itemId: 'a', shapes: Array.from({ length: SYNC_LIMITS.maxShapesPerItem + 1 }, () => items[0]!.shapes[0]) }];
    expect(problems({ ...upload, items: crowded })).toMatch(/^items\[0\]\.shapes/);
    const longText = [{ itemId: 'a', shapes: [{ className: 'car', box: { x: 0, y: 0, w: 1, h: 1 }, attributes: { t: 'x'.repeat(SYNC_LIMITS.maxTextAttributeLength + 1) } }] }];
    expect(problems({ ...upload, items: longText })).toMatch(/^items\[0\]\.shapes\[0\]\.attributes\.t/);
  });
});
