import { describe, expect, it } from 'vitest';
import { classDisagreement, itemUncertainty, orderByUncertainty, scoreUncertainty } from './uncertainty';

const box = (x: number) => ({ x, y: 0, w: 100, h: 100 });

describe('uncertainty', () => {
  it('is 1 at the threshold and falls to 0 at the far ends', () => {
    expect(scoreUncertainty(0.5, 0.5)).toBe(1);
    expect(scoreUncertainty(1, 0.5)).toBe(0);
    expect(scoreUncertainty(0.75, 0.5)).toBeCloseTo(0.5);
    expect(scoreUncertainty(0.3, 0.4)).toBeCloseTo(0.75);
  });

  it('counts overlapping boxes of different classes by their IoU, not boxes of one class', () => {
    expect(classDisagreement({ className: 'cat', box: box(0), score: 0.99 }, { className: 'dog', box: box(10), score: 0.99 })).toBeCloseTo(90 / 110);
    expect(classDisagreement({ className: 'cat', box: box(0), score: 0.99 }, { className: 'cat', box: box(10), score: 0.99 })).toBe(0);
    expect(classDisagreement({ className: 'cat', box: box(0), score: 0.99 }, { className: 'dog', box: box(80), score: 0.99 })).toBe(0);
  });

  it('takes the worst prediction or pair of an item', () => {
    const sure = [{ className: 'cat', box: box(0), score: 0.99 }];
    const borderline = [...sure, { className: 'cat', box: box(500), score: 0.52 }];
    const disagreeing = [...sure, { className: 'dog', box: box(5), score: 0.98 }];
    expect(itemUncertainty([], 0.5)).toBe(0);
    expect(itemUncertainty(sure, 0.5)).toBeLessThan(0.05);
    expect(itemUncertainty(borderline, 0.5)).toBeGreaterThan(0.9);
    expect(itemUncertainty(disagreeing, 0.5)).toBeGreaterThan(0.9);
  });

  it('orders the most uncertain first, unseen items last, ties in plain order', () => {
    const items = [0, 1, 2, 3, 4].map((order) => ({ id: `i${order}`, order }));
    const u: Record<string, number> = { i1: 0.2, i2: 0.9, i3: 0.2 };
    expect(orderByUncertainty(items, (id) => u[id]).map((i) => i.id)).toEqual(['i2', 'i1', 'i3', 'i0', 'i4']);
  });
});
