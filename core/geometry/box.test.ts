import { describe, expect, it } from 'vitest';
import { boxArea, boxFromPoints, clampBox, containsPoint, intersection, iou, isInside } from './box';

describe('boxFromPoints', () => {
  it('normalises any two corners to top-left plus size', () => {
    expect(boxFromPoints(10, 20, 4, 5)).toEqual({ x: 4, y: 5, w: 6, h: 15 });
    expect(boxFromPoints(1, 1, 1, 1)).toEqual({ x: 1, y: 1, w: 0, h: 0 });
  });
});

describe('intersection and IoU', () => {
  const a = { x: 0, y: 0, w: 10, h: 10 };
  it('is the overlap area, 0 when boxes only touch or are apart', () => {
    expect(intersection(a, { x: 5, y: 5, w: 10, h: 10 })).toBe(25);
    expect(intersection(a, { x: 10, y: 0, w: 5, h: 5 })).toBe(0);
    expect(intersection(a, { x: 20, y: 20, w: 5, h: 5 })).toBe(0);
  });

  it('is 1 for identical boxes, overlap/union otherwise, and 0 for empty boxes', () => {
    expect(iou(a, a)).toBe(1);
    expect(iou(a, { x: 5, y: 5, w: 10, h: 10 })).toBeCloseTo(25 / 175);
    expect(iou(a, { x: 2, y: 2, w: 5, h: 5 })).toBeCloseTo(25 / 100);
    expect(iou({ x: 0, y: 0, w: 0, h: 0 }, { x: 0, y: 0, w: 0, h: 0 })).toBe(0);
  });

  it('computes areas', () => {
    expect(boxArea({ x: 3, y: 3, w: 2.5, h: 4 })).toBe(10);
  });
});

describe('containsPoint', () => {
  it('includes the edges', () => {
    const b = { x: 1, y: 1, w: 2, h: 2 };
    expect(containsPoint(b, 1, 1)).toBe(true);
    expect(containsPoint(b, 3, 3)).toBe(true);
    expect(containsPoint(b, 3.01, 2)).toBe(false);
    expect(containsPoint(b, 2, 0.99)).toBe(false);
  });
});

describe('clampBox and isInside', () => {
  it('cuts a box to the image', () => {
    expect(clampBox({ x: -5, y: 10, w: 20, h: 100 }, 50, 40)).toEqual({ x: 0, y: 10, w: 15, h: 30 });
    expect(clampBox({ x: 60, y: 60, w: 5, h: 5 }, 50, 40)).toEqual({ x: 50, y: 40, w: 0, h: 0 });
  });

  it('allows a tolerance, 0.5 px by default', () => {
    expect(isInside({ x: -0.5, y: 0, w: 50.5, h: 40 }, 50, 40)).toBe(true);
    expect(isInside({ x: -0.51, y: 0, w: 10, h: 10 }, 50, 40)).toBe(false);
    expect(isInside({ x: 0, y: 0, w: 50.2, h: 40 }, 50, 40, 0)).toBe(false);
  });
});
