import type { Box } from '../model/shape';
import { iou } from './box';

export interface Assignment {
  /** For every row, the column it was assigned to, or -1 (more rows than columns, or only forbidden pairs left). */
  assignment: number[];
  /** Sum of the costs of the assigned pairs. */
  cost: number;
}

/**
 * Minimum-cost assignment of rows to columns (Hungarian method with
 * potentials, O(n³)). Rectangular matrices are padded with zero-cost dummy
 * cells internally. `Infinity` marks a forbidden pair: it is never reported
 * as assigned (the row gets -1 instead).
 */
export function hungarian(cost: number[][]): Assignment {
  const rows = cost.length;
  const cols = rows === 0 ? 0 : cost[0]!.length;
  if (rows === 0 || cols === 0) return { assignment: new Array<number>(rows).fill(-1), cost: 0 };
  let maxFinite = 0;
  for (let i = 0; i < rows; i++) {
    const row = cost[i]!;
    if (row.length !== cols) throw new Error(`hungarian: row ${i} has ${row.length} columns, expected ${cols}`);
    for (let j = 0; j < cols; j++) {
      const c = row[j]!;
      if (Number.isNaN(c) || c === -Infinity) throw new Error(`hungarian: cost[${i}][${j}] is ${c}`);
      if (Number.isFinite(c)) maxFinite = Math.max(maxFinite, Math.abs(c));
    }
  }
  const n = Math.max(rows, cols);
  // A forbidden pair costs more than any full assignment of allowed pairs, so it is only taken when nothing else fits.
  const forbidden = (maxFinite + 1) * (n + 1);
  const at = (i: number, j: number): number => {
    if (i >= rows || j >= cols) return 0;
    const c = cost[i]![j]!;
    return Number.isFinite(c) ? c : forbidden;
  };

  // 1-based arrays as in the classic formulation; p[j] = row matched to column j.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = at(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else {
          minv[j]! -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }

  const assignment = new Array<number>(rows).fill(-1);
  let total = 0;
  for (let j = 1; j <= n; j++) {
    const i = p[j]! - 1;
    const col = j - 1;
    const c = i < rows && col < cols ? cost[i]![col]! : Infinity;
    if (Number.isFinite(c)) {
      assignment[i] = col;
      total += c;
    }
  }
  return { assignment, cost: total };
}

export interface BoxMatching {
  /** [index in a, index in b, IoU], sorted by index in a. */
  pairs: [number, number, number][];
  unmatchedA: number[];
  unmatchedB: number[];
}

/**
 * Pairs boxes of two sets so the total IoU is maximal (one-to-one), then
 * drops pairs whose IoU is below `minIoU`; their boxes count as unmatched.
 */
export function matchByIoU(a: Box[], b: Box[], minIoU: number): BoxMatching {
  const costs = a.map((boxA) => b.map((boxB) => 1 - iou(boxA, boxB)));
  const { assignment } = hungarian(costs);
  const pairs: [number, number, number][] = [];
  const matchedB = new Set<number>();
  assignment.forEach((j, i) => {
    if (j < 0) return;
    const overlap = iou(a[i]!, b[j]!);
    if (overlap >= minIoU && overlap > 0) {
      pairs.push([i, j, overlap]);
      matchedB.add(j);
    }
  });
  const matchedA = new Set(pairs.map(([i]) => i));
  return {
    pairs,
    unmatchedA: a.map((_, i) => i).filter((i) => !matchedA.has(i)),
    unmatchedB: b.map((_, j) => j).filter((j) => !matchedB.has(j)),
  };
}

export interface ScoreMatching {
  /** [row, column, score], sorted by row. */
  pairs: [number, number, number][];
  unmatchedRows: number[];
  unmatchedColumns: number[];
}

/**
 * One-to-one pairing of rows and columns by a similarity score (track IoU,
 * closeness of two boundaries…): only pairs scoring at least `minScore` (and
 * above 0) may pair at all; among those, as many pairs as possible, then the
 * largest total score (Hungarian on 1 − score with the rest forbidden).
 * Unlike `matchByIoU`, pairs below the threshold never steer the assignment,
 * so callers may leave them uncomputed (any value below `minScore`).
 */
export function matchByScore(scores: readonly (readonly number[])[], minScore: number): ScoreMatching {
  const rows = scores.length;
  const cols = rows === 0 ? 0 : scores[0]!.length;
  const eligible = (s: number) => Number.isFinite(s) && s >= minScore && s > 0;
  const { assignment } = hungarian(scores.map((row) => row.map((s) => (eligible(s) ? 1 - s : Infinity))));
  const pairs: [number, number, number][] = [];
  const matchedColumns = new Set<number>();
  assignment.forEach((j, i) => {
    if (j < 0 || !eligible(scores[i]![j]!)) return;
    pairs.push([i, j, scores[i]![j]!]);
    matchedColumns.add(j);
  });
  const matchedRows = new Set(pairs.map(([i]) => i));
  return {
    pairs,
    unmatchedRows: [...Array(rows).keys()].filter((i) => !matchedRows.has(i)),
    unmatchedColumns: [...Array(cols).keys()].filter((j) => !matchedColumns.has(j)),
  };
}
