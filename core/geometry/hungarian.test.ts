import { describe, expect, it } from 'vitest';
import { hungarian, matchByIoU } from './hungarian';

/** Every injective row→column mapping (or column→row when there are more rows), exhaustively. */
function bruteForceMinCost(cost: number[][]): number {
  const rows = cost.length;
  const cols = cost[0]!.length;
  let best = Infinity;
  const usedCols = new Array<boolean>(cols).fill(false);
  const walk = (i: number, assigned: number, sum: number): void => {
    if (i === rows) {
      if (assigned === Math.min(rows, cols)) best = Math.min(best, sum);
      return;
    }
    // A row may stay unassigned only when there are more rows than columns.
    if (rows > cols) walk(i + 1, assigned, sum);
    for (let j = 0; j < cols; j++) {
      if (usedCols[j]) continue;
      usedCols[j] = true;
      walk(i + 1, assigned + 1, sum + cost[i]![j]!);
      usedCols[j] = false;
    }
  };
  walk(0, 0, 0);
  return best;
}

/** Deterministic PRNG so a failing case can be reproduced. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('hungarian', () => {
  it('finds the textbook optimum of a 3×3 matrix', () => {
    const result = hungarian([
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ]);
    expect(result.assignment).toEqual([1, 0, 2]);
    expect(result.cost).toBe(5);
  });

  it('avoids the greedy choice when it is not optimal', () => {
    // Greedy would take (0,0)=1 then (1,1)=100; optimal is 2+2.
    const result = hungarian([
      [1, 2],
      [2, 100],
    ]);
    expect(result.assignment).toEqual([1, 0]);
    expect(result.cost).toBe(4);
  });

  it('leaves surplus rows unassigned in a tall matrix', () => {
    const result = hungarian([[5], [1], [3]]);
    expect(result.assignment).toEqual([-1, 0, -1]);
    expect(result.cost).toBe(1);
  });

  it('uses only the best columns of a wide matrix', () => {
    const result = hungarian([
      [9, 1, 8, 7],
      [9, 8, 2, 7],
    ]);
    expect(result.assignment).toEqual([1, 2]);
    expect(result.cost).toBe(3);
  });

  it('never reports a forbidden (Infinity) pair as assigned', () => {
    const result = hungarian([
      [Infinity, Infinity],
      [1, Infinity],
    ]);
    expect(result.assignment).toEqual([-1, 0]);
    expect(result.cost).toBe(1);
  });

  it('handles empty inputs', () => {
    expect(hungarian([])).toEqual({ assignment: [], cost: 0 });
    expect(hungarian([[], []])).toEqual({ assignment: [-1, -1], cost: 0 });
  });

  it('rejects ragged rows and NaN costs', () => {
    expect(() => hungarian([[1, 2], [3]])).toThrow(/row 1 has 1 columns, expected 2/);
    expect(() => hungarian([[NaN]])).toThrow(/cost\[0\]\[0\] is NaN/);
  });

  it('matches brute force on 300 random small matrices (square and rectangular, with negatives)', () => {
    const random = rng(42);
    for (let trial = 0; trial < 300; trial++) {
      const rows = 1 + Math.floor(random() * 6);
      const cols = 1 + Math.floor(random() * 6);
      const cost = Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round((random() * 40 - 10) * 100) / 100));
      const result = hungarian(cost);
      const expected = bruteForceMinCost(cost);
      expect(result.cost).toBeCloseTo(expected, 9);
      const assigned = result.assignment.filter((j) => j >= 0);
      expect(assigned.length).toBe(Math.min(rows, cols));
      expect(new Set(assigned).size).toBe(assigned.length);
      const recomputed = result.assignment.reduce((sum, j, i) => (j >= 0 ? sum + cost[i]![j]! : sum), 0);
      expect(recomputed).toBeCloseTo(result.cost, 9);
    }
  });
});

describe('matchByIoU', () => {
  const box = (x: number, y: number, w = 10, h = 10) => ({ x, y, w, h });

  it('pairs each box with its overlapping partner regardless of order', () => {
    const a = [box(0, 0), box(100, 100), box(50, 0)];
    const b = [box(101, 100), box(1, 0)];
    const result = matchByIoU(a, b, 0.5);
    expect(result.pairs.map(([i, j]) => [i, j])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(result.pairs[0]![2]).toBeCloseTo(90 / 110, 12);
    expect(result.unmatchedA).toEqual([2]);
    expect(result.unmatchedB).toEqual([]);
  });

  it('maximises total IoU instead of taking the single best pair first', () => {
    // a0 overlaps b0 best, but giving b0 to a0 would leave a1 with nothing.
    const a = [box(0, 0, 10, 10), box(4, 0, 10, 10)];
    const b = [box(2, 0, 10, 10), box(-6, 0, 10, 10)];
    const result = matchByIoU(a, b, 0.1);
    expect(result.pairs.map(([i, j]) => [i, j])).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('drops pairs below the threshold and reports both sides as unmatched', () => {
    const result = matchByIoU([box(0, 0)], [box(8, 0)], 0.5);
    expect(result.pairs).toEqual([]);
    expect(result.unmatchedA).toEqual([0]);
    expect(result.unmatchedB).toEqual([0]);
  });

  it('never pairs boxes that do not overlap, even with a zero threshold', () => {
    const result = matchByIoU([box(0, 0)], [box(50, 50)], 0);
    expect(result.pairs).toEqual([]);
  });
});
