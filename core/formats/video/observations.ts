import type { Box } from '../../model/shape';
import { FormatError } from '../formatError';
import { sameFlags, withFlags, type FrameFlags } from './frameFlags';
import type { VideoKeyframe, VideoShape, VideoTrack } from './types';

/**
 * Per-frame formats (MOT, COCO) list an object once per frame it is visible
 * on. Import turns those rows back into keyframes: a gap ends visibility (an
 * outside keyframe), and between visible frames only the keyframes needed to
 * reproduce every listed box are kept, so an imported track is as easy to
 * correct as one drawn by hand.
 */
export interface Observation {
  frame: number;
  box: Box;
  /** The file's own keyframe flag (CVAT's COCO `attributes.keyframe`); when any row has one, the flags are trusted. */
  keyframe?: boolean;
  /** The row's per-frame flags (visibility, occluded); a change of flags needs a keyframe, since flags hold until the next one. */
  attributes?: FrameFlags;
  /** Where the row is, for errors: "line 12", "annotations[3]". */
  location: string;
}

/** Exported coordinates are rounded to 1/100 px, so interpolating two rounded keyframes may be off by up to that much. */
export const KEYFRAME_TOLERANCE_PX = 0.01 + 1e-9;

const COORDS = ['x', 'y', 'w', 'h'] as const;

/** Indices of the rows (consecutive frames) that must be keyframes so linear interpolation reproduces all rows within the tolerance. */
export function essentialKeyframes(run: readonly { frame: number; box: Box }[], tolerance = KEYFRAME_TOLERANCE_PX): number[] {
  const kept = [0];
  let anchor = 0;
  // Feasible slope per coordinate for a straight segment from the anchor through all rows seen since.
  const at = (i: number) => run[i]!;
  let lo = new Float64Array(4).fill(-Infinity);
  let hi = new Float64Array(4).fill(Infinity);
  for (let e = 1; e < run.length; e++) {
    const end = at(e);
    const slope = (c: (typeof COORDS)[number]) => (end.box[c] - at(anchor).box[c]) / (end.frame - at(anchor).frame);
    if (e > anchor + 1 && COORDS.some((c, i) => slope(c) < lo[i]! - 1e-12 || slope(c) > hi[i]! + 1e-12)) {
      anchor = e - 1;
      kept.push(anchor);
      lo = new Float64Array(4).fill(-Infinity);
      hi = new Float64Array(4).fill(Infinity);
    }
    const dt = end.frame - at(anchor).frame;
    COORDS.forEach((c, i) => {
      const rise = end.box[c] - at(anchor).box[c];
      lo[i] = Math.max(lo[i]!, (rise - tolerance) / dt);
      hi[i] = Math.min(hi[i]!, (rise + tolerance) / dt);
    });
  }
  if (run.length > 1) kept.push(run.length - 1);
  return kept;
}

function sameBox(a: Box, b: Box, tolerance: number): boolean {
  return COORDS.every((c) => Math.abs(a[c] - b[c]) <= tolerance);
}

/** Splits rows sorted by frame into runs of consecutive frames. */
function runsOf(rows: readonly Observation[]): Observation[][] {
  const runs: Observation[][] = [];
  for (const row of rows) {
    const run = runs[runs.length - 1];
    if (run && row.frame === run[run.length - 1]!.frame + 1) run.push(row);
    else runs.push([row]);
  }
  return runs;
}

/**
 * One object's rows as a track (or, for a single row, a plain box on that
 * frame: how CVAT and we export a box that is not a track). Rows may come
 * in any order; two rows on the same frame are an error naming the second.
 */
export function objectFromObservations(
  file: string,
  what: string,
  className: string,
  rows: readonly Observation[],
  frameCount: number,
): { track: VideoTrack } | { shape: VideoShape } {
  const sorted = [...rows].sort((a, b) => a.frame - b.frame);
  sorted.forEach((row, i) => {
    if (i > 0 && row.frame === sorted[i - 1]!.frame) throw new FormatError(file, row.location, `${what} has two boxes on frame ${row.frame}`);
  });
  const [first] = sorted;
  if (!first) throw new Error(`${what} has no boxes`);
  if (sorted.length === 1) return { shape: { frame: first.frame, className, box: first.box, ...withFlags(first.attributes) } };
  const flagged = sorted.some((r) => r.keyframe !== undefined);
  const keyframes: VideoKeyframe[] = [];
  for (const run of runsOf(sorted)) {
    const keep = flagged ? withFlagChanges(run, flaggedKeyframes(run)) : keyframesByMotion(run);
    for (const i of keep) keyframes.push({ frame: run[i]!.frame, box: run[i]!.box, outside: false, ...withFlags(run[i]!.attributes) });
    const end = run[run.length - 1]!;
    if (end.frame + 1 < frameCount) keyframes.push({ frame: end.frame + 1, box: end.box, outside: true });
  }
  return { track: { className, keyframes } };
}

/** Indices where a row's flags differ from the row before: each must be a keyframe. */
function flagChanges(run: readonly Observation[]): number[] {
  const changes: number[] = [];
  for (let i = 1; i < run.length; i++) if (!sameFlags(run[i]!.attributes, run[i - 1]!.attributes)) changes.push(i);
  return changes;
}

function withFlagChanges(run: readonly Observation[], keep: number[]): number[] {
  const changes = flagChanges(run);
  return changes.length === 0 ? keep : [...new Set([...keep, ...changes])].sort((a, b) => a - b);
}

/**
 * Keyframes for a run without the file's own keyframe flags: the fewest
 * that reproduce the motion, found piece by piece between flag changes (a
 * piece ends on the next change's row, so the boxes before it are
 * interpolated towards the right box).
 */
function keyframesByMotion(run: readonly Observation[]): number[] {
  const starts = [0, ...flagChanges(run)];
  const keep: number[] = [];
  starts.forEach((start, p) => {
    const next = starts[p + 1];
    if (next === undefined) {
      const piece = run.slice(start);
      keep.push(...withoutHeldEnd(piece, essentialKeyframes(piece)).map((i) => i + start));
    } else {
      keep.push(...essentialKeyframes(run.slice(start, next + 1)).map((i) => i + start).filter((i) => i < next));
    }
  });
  return keep;
}

/** The file's keyframes, plus the run's first row (visibility starts there) and last row when the box moved after the last flagged one. */
function flaggedKeyframes(run: readonly Observation[]): number[] {
  const keep = run.map((r, i) => (i === 0 || r.keyframe ? i : -1)).filter((i) => i >= 0);
  const last = run.length - 1;
  const lastKept = keep[keep.length - 1]!;
  if (lastKept !== last && !sameBox(run[last]!.box, run[lastKept]!.box, KEYFRAME_TOLERANCE_PX)) keep.push(last);
  return keep;
}

/**
 * A box holds still after its last keyframe until it goes outside, so a run
 * ending in a constant stretch needs no keyframe at its last row.
 */
function withoutHeldEnd(run: readonly Observation[], keep: number[]): number[] {
  if (keep.length < 2) return keep;
  const last = run[keep[keep.length - 1]!]!;
  const before = run[keep[keep.length - 2]!]!;
  return sameBox(last.box, before.box, KEYFRAME_TOLERANCE_PX) ? keep.slice(0, -1) : keep;
}
