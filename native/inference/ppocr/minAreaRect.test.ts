import { describe, expect, it } from 'vitest';
import { convexHull } from './convexHull';
import { minAreaRect } from './minAreaRect';
import type { Point } from './types';

function rotatedRectPoints(cx: number, cy: number, w: number, h: number, deg: number): Point[] {
  const a = (deg * Math.PI) / 180;
  const ux = Math.cos(a);
  const uy = Math.sin(a);
  return [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([s, t]) => [cx + (s! * w * ux) / 2 - (t! * h * uy) / 2, cy + (s! * w * uy) / 2 + (t! * h * ux) / 2]);
}

describe('minAreaRect', () => {
  it('finds an axis-aligned rectangle from its hull', () => {
    const r = minAreaRect(convexHull([[10, 20], [110, 20], [110, 60], [10, 60], [50, 40]]))!;
    expect(r.cx).toBeCloseTo(60);
    expect(r.cy).toBeCloseTo(40);
    expect(r.w).toBeCloseTo(100);
    expect(r.h).toBeCloseTo(40);
    expect(r.ux).toBeCloseTo(1);
    expect(r.uy).toBeCloseTo(0);
  });

  it('recovers a 200×40 rectangle rotated by 10°, whatever points fill it', () => {
    const corners = rotatedRectPoints(300, 200, 200, 40, 10);
    const inner = rotatedRectPoints(300, 200, 120, 10, 10);
    const r = minAreaRect(convexHull([...corners, ...inner]))!;
    expect(r.cx).toBeCloseTo(300);
    expect(r.cy).toBeCloseTo(200);
    expect(r.w).toBeCloseTo(200);
    expect(r.h).toBeCloseTo(40);
    expect((Math.atan2(r.uy, r.ux) * 180) / Math.PI).toBeCloseTo(10);
  });

  it('describes a rectangle rising to the right with a negative angle and w along the line', () => {
    const r = minAreaRect(convexHull(rotatedRectPoints(0, 0, 300, 50, -30)))!;
    expect(r.w).toBeCloseTo(300);
    expect(r.h).toBeCloseTo(50);
    expect((Math.atan2(r.uy, r.ux) * 180) / Math.PI).toBeCloseTo(-30);
  });

  it('keeps w as the more horizontal side, so a tall box has w < h', () => {
    const r = minAreaRect(convexHull(rotatedRectPoints(50, 50, 30, 120, 5)))!;
    expect(r.w).toBeCloseTo(30);
    expect(r.h).toBeCloseTo(120);
    expect(r.ux).toBeGreaterThan(0.99);
  });

  it('beats the axis-aligned box for a diamond', () => {
    const r = minAreaRect(convexHull([[0, 10], [10, 0], [20, 10], [10, 20]]))!;
    expect(r.w * r.h).toBeCloseTo(200);
  });

  it('has no rectangle for points that cannot span one (a one-pixel DB region used to throw here)', () => {
    expect(minAreaRect([[1, 1]])).toBeUndefined();
    expect(minAreaRect([])).toBeUndefined();
    expect(minAreaRect([[0, 0], [Number.NaN, 2], [3, 3]])).toBeUndefined();
    // Two distinct points still give a (zero-height) rectangle, which DB then drops as too thin.
    expect(minAreaRect([[0, 0], [4, 0]])).toMatchObject({ w: 4, h: 0 });
  });
});
