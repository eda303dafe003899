import type { BoundaryKind, TrueBoundary } from './shotsVideoSpec';

/**
 * The matching rule for judging shot detection against the truth:
 * - a hard cut is found when a detected boundary (a frame that starts a new
 *   segment) lies within ±CUT_TOLERANCE frames of the cut's first frame;
 * - a dissolve or fade is found when a detected boundary lies inside its
 *   span (first to last transition frame) widened by ±GRADUAL_TOLERANCE;
 * - each true boundary is matched at most once and each detection at most
 *   once (nearest pairs first); a detection left unmatched is a false
 *   positive, and it counts against EVERY kind's precision (a detector cannot
 *   choose which kind its mistakes belong to).
 */
export const CUT_TOLERANCE = 1;
export const GRADUAL_TOLERANCE = 3;

export interface KindScore {
  truths: number;
  found: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface MatchResult {
  perKind: Record<BoundaryKind, KindScore>;
  all: KindScore;
  falsePositives: number[];
  missed: TrueBoundary[];
}

/** Distance from a detection to a truth's accepted window, or Infinity when outside it. */
function distance(detected: number, truth: TrueBoundary): number {
  const tolerance = truth.kind === 'cut' ? CUT_TOLERANCE : GRADUAL_TOLERANCE;
  if (detected < truth.start - tolerance || detected > truth.end + tolerance) return Infinity;
  return detected < truth.start ? truth.start - detected : detected > truth.end ? detected - truth.end : 0;
}

export function matchBoundaries(detected: readonly number[], truths: readonly TrueBoundary[]): MatchResult {
  const pairs: [number, number, number][] = [];
  detected.forEach((d, i) => truths.forEach((t, j) => {
    const dist = distance(d, t);
    if (dist !== Infinity) pairs.push([dist, i, j]);
  }));
  pairs.sort((a, b) => a[0] - b[0]);
  const usedDetection = new Set<number>();
  const usedTruth = new Set<number>();
  for (const [, i, j] of pairs) {
    if (usedDetection.has(i) || usedTruth.has(j)) continue;
    usedDetection.add(i);
    usedTruth.add(j);
  }
  const falsePositives = detected.filter((_, i) => !usedDetection.has(i));
  const score = (kinds: BoundaryKind[]): KindScore => {
    const of = truths.map((t, j) => [t, j] as const).filter(([t]) => kinds.includes(t.kind));
    return kindScore(of.filter(([, j]) => usedTruth.has(j)).length, of.length, falsePositives.length);
  };
  return {
    perKind: { cut: score(['cut']), dissolve: score(['dissolve']), fade: score(['fade']) },
    all: score(['cut', 'dissolve', 'fade']),
    falsePositives,
    missed: truths.filter((_, j) => !usedTruth.has(j)),
  };
}

/** Precision, recall and F1 of one kind from its counts (false positives: all unmatched detections). */
export function kindScore(found: number, truths: number, falsePositives: number): KindScore {
  const precision = found + falsePositives === 0 ? 1 : found / (found + falsePositives);
  const recall = truths === 0 ? 1 : found / truths;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truths, found, precision, recall, f1 };
}

/** Frames that start a segment (all but the first segment's start). */
export function boundariesOf(segments: readonly { startFrame: number }[]): number[] {
  return segments.slice(1).map((s) => s.startFrame);
}
