import { describe, expect, it } from 'vitest';
import { convexHull } from './convexHull';
import type { Point } from './types';

const sortPts = (ps: Point[]): Point[] => [...ps].sort((a, b) => a[0] - b[0] || a[1] - b[1]);

describe('convexHull', () => {
  it('keeps only the four corners of a square with interior, edge and repeated points', () => {
    const pts: Point[] = [[0, 0], [10, 0], [10, 10], [0, 10], [5, 5], [5, 0], [10, 5], [0, 0], [3, 7]];
    expect(sortPts(convexHull(pts))).toEqual([[0, 0], [0, 10], [10, 0], [10, 10]]);
  });

  it('runs clockwise on screen (positive shoelace area with y down)', () => {
    const hull = convexHull([[0, 0], [4, 0], [4, 3], [0, 3], [2, 1]]);
    let twiceArea = 0;
    hull.forEach((p, i) => {
      const q = hull[(i + 1) % hull.length]!;
      twiceArea += p[0] * q[1] - q[0] * p[1];
    });
    expect(twiceArea).toBe(24);
  });

  it('encloses every input point of a random cloud and is convex', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 100;
    const pts: Point[] = Array.from({ length: 300 }, () => [rnd(), rnd()]);
    const hull = convexHull(pts);
    expect(hull.length).toBeGreaterThan(4);
    for (let i = 0; i < hull.length; i++) {
      const a = hull[i]!;
      const b = hull[(i + 1) % hull.length]!;
      for (const p of pts) expect((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])).toBeGreaterThanOrEqual(-1e-9);
    }
  });

  it('returns fewer than three points unchanged (deduplicated)', () => {
    expect(convexHull([[1, 1], [1, 1], [2, 2]])).toEqual([[1, 1], [2, 2]]);
  });
});
