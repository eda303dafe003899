import { describe, expect, it } from 'vitest';
import { SYNC_LIMITS } from '../../../core/sync/wireSchemas';
import { limitsOf, overLimit } from './hubLimits';

const item = (itemId: string, boxes: number) => ({ itemId, shapes: Array.from({ length: boxes }, () => ({ className: 'car', box: { x: 0, y: 0, w: 1, h: 1 } })) });

describe('hub limits before signing', () => {
  it('takes what the hub announces, never above core’s own limits, and core’s when nothing is announced', () => {
    expect(limitsOf({ limits: { maxItemsPerBatch: 10, maxShapesPerItem: 5, batchBodyLimit: 1000 } })).toEqual({ maxItemsPerBatch: 10, maxShapesPerItem: 5, batchBodyLimit: 1000 });
    expect(limitsOf({ limits: { maxShapesPerItem: 10 ** 9 } }).maxShapesPerItem).toBe(SYNC_LIMITS.maxShapesPerItem);
    expect(limitsOf(null)).toEqual({ maxItemsPerBatch: SYNC_LIMITS.maxItemsPerBatch, maxShapesPerItem: SYNC_LIMITS.maxShapesPerItem, batchBodyLimit: Number.POSITIVE_INFINITY });
  });

  it('names the first item over the box limit, the item count and the body size, and passes what fits', () => {
    const limits = { maxItemsPerBatch: 2, maxShapesPerItem: 3, batchBodyLimit: 500 };
    expect(overLimit([item('a', 3), item('b', 4)], 100, limits)).toBe('item b has 4 boxes; this hub takes at most 3 per item');
    expect(overLimit([item('a', 1), item('b', 1), item('c', 1)], 100, limits)).toBe('the batch has 3 items; this hub takes at most 2 per upload');
    expect(overLimit([item('a', 1)], 501, limits)).toBe('the upload would be 501 bytes; this hub takes at most 500');
    expect(overLimit([item('a', 3), item('b', 3)], 500, limits)).toBeNull();
  });
});
