import { describe, expect, it } from 'vitest';
import { orderClockwiseFromTopLeft, rectCorners } from './rotatedRect';
import type { Point } from './types';

const round = (q: Point[]): Point[] => q.map(([x, y]) => [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000]);

describe('rectCorners', () => {
  it('lists an axis-aligned rectangle top-left, top-right, bottom-right, bottom-left', () => {
    expect(rectCorners({ cx: 50, cy: 20, w: 100, h: 40, ux: 1, uy: 0 })).toEqual([[0, 0], [100, 0], [100, 40], [0, 40]]);
  });

  it('starts a line rising to the right at its left end, going along the line first', () => {
    const a = (-20 * Math.PI) / 180;
    const q = rectCorners({ cx: 0, cy: 0, w: 200, h: 40, ux: Math.cos(a), uy: Math.sin(a) });
    expect(q[0][0]).toBeLessThan(0);
    expect(Math.hypot(q[1][0] - q[0][0], q[1][1] - q[0][1])).toBeCloseTo(200);
    expect(Math.atan2(q[1][1] - q[0][1], q[1][0] - q[0][0])).toBeCloseTo(a);
    expect(Math.hypot(q[3][0] - q[0][0], q[3][1] - q[0][1])).toBeCloseTo(40);
  });
});

describe('orderClockwiseFromTopLeft', () => {
  it('orders shuffled corners', () => {
    expect(round(orderClockwiseFromTopLeft([[10, 5], [0, 0], [0, 5], [10, 0]]))).toEqual([[0, 0], [10, 0], [10, 5], [0, 5]]);
  });

  it('needs four corners', () => {
    expect(() => orderClockwiseFromTopLeft([[0, 0], [1, 0], [1, 1]])).toThrow(/4 corners, got 3/);
  });
});
