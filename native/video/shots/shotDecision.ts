import { FLAT_SPREAD } from './analysisFrame';
import { SPAN_HALF_WIDTH, type ShotEvidence } from './shotEvidence';

/**
 * Turns the evidence of one pass into one score per frame: the confidence
 * that a new shot starts at that frame, 0 on every other frame. Scores are
 * scaled so that DECISION_SCORE (the shots job's default threshold, 0.3)
 * is where this detector was tuned: segmentsFromScores(scores, 0.3) gives
 * its segments, a higher threshold keeps only the clearer boundaries.
 *
 * - Hard cut at n: frame n is unlike frame n−1 (at the best small shift),
 *   the frames after n do not return to frame n−1 (that is a flash or
 *   something passing in front), and the change stands out from the change
 *   between the neighbouring frames (fast motion changes every frame).
 * - Gradual transition (dissolve, fade): frames k before and k after a
 *   centre are unlike each other, clearly more than frames the same distance
 *   apart just before or just after (inside a fast camera move they are
 *   unlike everywhere). The boundary is put at the centre of the strongest
 *   such window; a window that holds a hard cut is that cut.
 */
export const DECISION_SCORE = 0.3;
/** A cut between a flat frame and a picture: the picture's gray levels spread at least this many times more. */
const FLAT_CUT_RATIO = 2.5;

export interface DecisionTuning {
  /** Cut: least excess of unlikeness over the neighbouring frames' changes. */
  cutExcess: number;
  /** Gradual: least excess of the window's unlikeness over the quieter side's. */
  gradualExcess: number;
  /** Gradual: least unlikeness of the window's end frames. */
  gradualEnds: number;
  /** Gradual: with a reference window on one side only, the excess must be this many times larger. */
  oneSidedFactor: number;
  /** Gradual: the boundary is the middle of the windows within this share of the strongest. */
  plateau: number;
}

export const TUNING: DecisionTuning = { cutExcess: 0.08, gradualExcess: 0.3, gradualEnds: 0.45, plateau: 0.8, oneSidedFactor: 2 };

export interface Boundary {
  frame: number;
  kind: 'cut' | 'gradual';
  /** Evidence relative to its minimum: 1 = just enough. */
  strength: number;
}

export function decideBoundaries(e: ShotEvidence, tuning: DecisionTuning = TUNING): Boundary[] {
  const cuts = hardCuts(e, tuning);
  // One boundary per transition: gradual ones near a cut are that cut; of two gradual ones closer than a
  // window (the two halves of a long fade), the stronger stays.
  const kept: Boundary[] = [...cuts];
  for (const g of gradualTransitions(e, tuning, cuts.map((b) => b.frame)).sort((a, b) => b.strength - a.strength)) {
    if (kept.some((b) => Math.abs(b.frame - g.frame) <= (b.kind === 'cut' ? 1 : 2) * SPAN_HALF_WIDTH)) continue;
    kept.push(g);
  }
  return kept.sort((a, b) => a.frame - b.frame);
}

function hardCuts(e: ShotEvidence, tuning: DecisionTuning): Boundary[] {
  const n = e.frameCount;
  const flat = (m: number) => e.spread[m]! < FLAT_SPREAD;
  const cuts: Boundary[] = [];
  for (let m = 1; m < n; m++) {
    let strength = 0;
    // A flash that whites out a frame or two comes back to the frame before: not a cut either.
    if (flat(m) !== flat(m - 1)) strength = e.cutReturn[m]! >= 0.5 && e.acrossFlat[m]! >= 0.5 ? flatCutStrength(e, m) : 0;
    else if (!flat(m)) {
      let neighbours = 0;
      for (const j of [m - 2, m - 1, m + 1, m + 2]) if (j >= 1 && j < n) neighbours = Math.max(neighbours, e.cut[j]!);
      strength = (Math.min(e.cut[m]!, e.cutReturn[m]!) - neighbours) / tuning.cutExcess;
    }
    if (strength >= 1) cuts.push({ frame: m, kind: 'cut', strength });
  }
  return cuts;
}

function gradualTransitions(e: ShotEvidence, tuning: DecisionTuning, cutFrames: readonly number[]): Boundary[] {
  const n = e.frameCount;
  const k = SPAN_HALF_WIDTH;
  const smooth = median5(e.span, k, n - 1 - k);
  const excess = new Float32Array(n);
  for (let c = k; c < n - k; c++) {
    // Windows across a hard cut are that cut's (also those the running median borrows from).
    if (cutFrames.some((f) => f > c - k - 2 && f <= c + k + 2) || smooth[c]! < tuning.gradualEnds) continue;
    // The quietest window of the same length on each side: the shots' own pace of change. Where a side has no
    // such window 2k–3k away, the nearer one (half inside the transition) stands in. With one side only (a cut
    // close by), a zoom speeding up towards the cut looks like a transition's start: more excess is asked.
    const before = quietestWindow(smooth, c, [-3 * k, -2 * k], cutFrames) ?? quietestWindow(smooth, c, [-k], cutFrames);
    const after = quietestWindow(smooth, c, [2 * k, 3 * k], cutFrames) ?? quietestWindow(smooth, c, [k], cutFrames);
    if (before === null && after === null) continue;
    const oneSided = before === null || after === null;
    excess[c] = (smooth[c]! - Math.min(before ?? Infinity, after ?? Infinity)) / (oneSided ? tuning.oneSidedFactor : 1);
  }
  const found: Boundary[] = [];
  // A transition shorter than 2k frames gives a plateau of windows that span it whole: its middle is the transition's middle.
  for (let c = k; c < n - k; c++) {
    if (excess[c]! < tuning.gradualExcess) continue;
    let end = c;
    // A dip shorter than k frames (a flash, the black middle of a fade) does not split a transition.
    for (let j = c + 1; j < n - k && j <= end + k; j++) if (excess[j]! >= tuning.gradualExcess) end = j;
    let top = 0;
    for (let j = c; j <= end; j++) top = Math.max(top, excess[j]!);
    let first = c;
    let last = end;
    while (excess[first]! < tuning.plateau * top) first++;
    while (excess[last]! < tuning.plateau * top) last--;
    found.push({ frame: Math.round((first + last) / 2), kind: 'gradual', strength: top / tuning.gradualExcess });
    c = end;
  }
  return found;
}

/** Scores per frame for segmentsFromScores: DECISION_SCORE at strength 1, rising towards 1 with stronger evidence. */
export function scoresFromBoundaries(frameCount: number, boundaries: readonly Boundary[]): number[] {
  const scores = new Array<number>(frameCount).fill(0);
  for (const b of boundaries) scores[b.frame] = Math.min(1, DECISION_SCORE + (1 - DECISION_SCORE) * (1 - 1 / b.strength) + 1e-6);
  return scores;
}

/** Running median of 5: a flash (one or two odd frames at either end of a window) does not move it. */
function median5(values: Float32Array, from: number, to: number): Float32Array {
  const out = new Float32Array(values.length);
  const window: number[] = [];
  for (let c = from; c <= to; c++) {
    window.length = 0;
    for (let j = c - 2; j <= c + 2; j++) window.push(values[Math.min(to, Math.max(from, j))]!);
    window.sort((a, b) => a - b);
    out[c] = window[2]!;
  }
  return out;
}

/**
 * A cut between a flat frame (plain sky, a white wall, black) and a picture:
 * no pattern to correlate, so the spread of gray levels tells. A fade from
 * black also starts flat, but its spread keeps growing frame by frame; a cut
 * lands on a picture whose spread then holds steady.
 */
function flatCutStrength(e: ShotEvidence, m: number): number {
  const n = e.frameCount;
  const intoPicture = !(e.spread[m]! < FLAT_SPREAD);
  const picture = intoPicture ? m : m - 1;
  const step = intoPicture ? 1 : -1;
  const level = e.spread[picture]!;
  for (const j of [picture + step, picture + 2 * step]) {
    if (j < 0 || j >= n) continue;
    if (Math.abs(e.spread[j]! - level) > 0.15 * level) return 0;
  }
  // A dim picture flickering around the flat line is no cut: the picture must spread clearly more than the flat frame.
  return level / Math.max(1, e.spread[intoPicture ? m - 1 : m]!) / FLAT_CUT_RATIO;
}

function quietestWindow(smooth: Float32Array, c: number, offsets: readonly number[], cuts: readonly number[]): number | null {
  const k = SPAN_HALF_WIDTH;
  const n = smooth.length;
  let quietest: number | null = null;
  for (const offset of offsets) {
    const s = c + offset;
    // Only windows in the same stretch between hard cuts: another shot's pace says nothing about this one's.
    if (s < k || s >= n - k || cuts.some((f) => f > Math.min(s, c) - k && f <= Math.max(s, c) + k)) continue;
    quietest = Math.min(quietest ?? Infinity, smooth[s]!);
  }
  return quietest;
}
