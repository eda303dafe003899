import { describe, expect, it } from 'vitest';
import { SpatialGrid } from './spatialGrid';
import type { Box } from '../model/shape';

function overlaps(a: Box, b: Box): boolean {
  return a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h;
}

/** Deterministic pseudo-random boxes so a failure is reproducible. */
function randomBoxes(n: number, seed = 7): Box[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: n }, () => ({ x: rnd() * 4000, y: rnd() * 3000, w: 2 + rnd() * 200, h: 2 + rnd() * 200 }));
}

describe('SpatialGrid', () => {
  it('query returns exactly the boxes meeting the rect (compared with a linear scan)', () => {
    const boxes = randomBoxes(2000);
    const grid = new SpatialGrid({ cellSize: 100 });
    boxes.forEach((b, i) => grid.insert(`b${i}`, b));
    for (const rect of [
      { x: 0, y: 0, w: 500, h: 500 },
      { x: 1234.5, y: 800.25, w: 10, h: 10 },
      { x: -100, y: -100, w: 5000, h: 5000 },
      { x: 3900, y: 2900, w: 1, h: 1 },
    ]) {
      const expected = boxes.flatMap((b, i) => (overlaps(b, rect) ? [`b${i}`] : [])).sort();
      expect(grid.query(rect).sort()).toEqual(expected);
    }
  });

  it('reports a box spanning many cells once', () => {
    const grid = new SpatialGrid({ cellSize: 10 });
    grid.insert('big', { x: 0, y: 0, w: 95, h: 95 });
    expect(grid.query({ x: 0, y: 0, w: 100, h: 100 })).toEqual(['big']);
  });

  it('update moves a box out of its old cells and remove forgets it', () => {
    const grid = new SpatialGrid({ cellSize: 50 });
    grid.insert('a', { x: 10, y: 10, w: 20, h: 20 });
    grid.update('a', { x: 500, y: 500, w: 20, h: 20 });
    expect(grid.query({ x: 0, y: 0, w: 100, h: 100 })).toEqual([]);
    expect(grid.query({ x: 490, y: 490, w: 50, h: 50 })).toEqual(['a']);
    expect(grid.remove('a')).toBe(true);
    expect(grid.remove('a')).toBe(false);
    expect(grid.query({ x: 490, y: 490, w: 50, h: 50 })).toEqual([]);
    expect(grid.size).toBe(0);
  });

  it('hitTest prefers the smallest containing box, then the latest inserted, and honours tolerance', () => {
    const grid = new SpatialGrid();
    grid.insert('outer', { x: 0, y: 0, w: 300, h: 300 });
    grid.insert('inner', { x: 100, y: 100, w: 50, h: 50 });
    grid.insert('twin', { x: 100, y: 100, w: 50, h: 50 });
    expect(grid.hitTest(120, 120)).toEqual(['twin', 'inner', 'outer']);
    expect(grid.hitTest(20, 20)).toEqual(['outer']);
    expect(grid.hitTest(303, 10)).toEqual([]);
    expect(grid.hitTest(303, 10, 4)).toEqual(['outer']);
  });

  it('handles negative coordinates and rejects a bad cell size', () => {
    const grid = new SpatialGrid({ cellSize: 64 });
    grid.insert('neg', { x: -200, y: -50, w: 10, h: 10 });
    expect(grid.hitTest(-195, -45)).toEqual(['neg']);
    expect(() => new SpatialGrid({ cellSize: 0 })).toThrow(/cellSize/);
  });

  it('returns only the boxes in a viewport out of 10,000', () => {
    const boxes = randomBoxes(10_000, 3);
    const grid = new SpatialGrid();
    boxes.forEach((b, i) => grid.insert(`b${i}`, b));
    const viewport = { x: 1000, y: 1000, w: 960, h: 540 };
    const expected = boxes.filter((b) => overlaps(b, viewport)).length;
    expect(grid.query(viewport)).toHaveLength(expected);
    expect(expected).toBeLessThan(2000);
  });
});
