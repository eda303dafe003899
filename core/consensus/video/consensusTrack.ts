import type { AttributeValue } from '../../model/labelSchema';
import type { Box } from '../../model/shape';
import type { CanonicalKeyframe, CanonicalTrack } from '../../sync/canonicalVideo';
import { compareText } from '../../sync/canonicalLabels';
import { pieceBox, walkPieces, type Piece } from './pieces';

const COORDS = ['x', 'y', 'w', 'h'] as const;

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/** Per-coordinate median of boxes (even count: mean of the two middle values). */
export function medianBox(boxes: readonly Box[]): Box {
  return { x: median(boxes.map((b) => b.x)), y: median(boxes.map((b) => b.y)), w: median(boxes.map((b) => b.w)), h: median(boxes.map((b) => b.h)) };
}

/** The value of each attribute held by a strict majority of the given attribute maps; others omitted. */
export function majorityAttributes(maps: readonly (Record<string, AttributeValue> | undefined)[]): Record<string, AttributeValue> | undefined {
  const counts = new Map<string, Map<string, { value: AttributeValue; count: number }>>();
  for (const map of maps) {
    for (const [key, value] of Object.entries(map ?? {})) {
      if (!counts.has(key)) counts.set(key, new Map());
      const byValue = counts.get(key)!;
      const text = JSON.stringify(value);
      const entry = byValue.get(text) ?? { value, count: 0 };
      entry.count++;
      byValue.set(text, entry);
    }
  }
  const out: Record<string, AttributeValue> = {};
  for (const key of [...counts.keys()].sort(compareText)) {
    for (const { value, count } of counts.get(key)!.values()) if (count * 2 > maps.length) out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

interface Interval {
  start: number;
  end: number;
  active: Piece[];
}

/** The consensus frames evaluated (struct of arrays: a long run has tens of thousands). */
interface Vertices {
  frame: number[];
  x: number[];
  y: number[];
  w: number[];
  h: number[];
  /** The interval each vertex lies in. */
  owner: Interval[];
}

const scratch: number[] = [];

/** Median of the pieces' coordinate on a frame (even count: mean of the two middle values), insertion-sorted in a scratch array. */
function medianAt(active: readonly Piece[], frame: number, base: 'ax' | 'ay' | 'aw' | 'ah', delta: 'dx' | 'dy' | 'dw' | 'dh'): number {
  const n = active.length;
  for (let i = 0; i < n; i++) {
    const p = active[i]!;
    const t = p.span === 0 || frame === p.start ? 0 : (frame - p.start) / p.span;
    const v = p[base] + p[delta] * t;
    let j = i;
    while (j > 0 && scratch[j - 1]! > v) {
      scratch[j] = scratch[j - 1]!;
      j--;
    }
    scratch[j] = v;
  }
  const mid = n >> 1;
  return n % 2 === 1 ? scratch[mid]! : (scratch[mid - 1]! + scratch[mid]!) / 2;
}

const AXES = [
  ['ax', 'dx'],
  ['ay', 'dy'],
  ['aw', 'dw'],
  ['ah', 'dh'],
] as const;

/** Integer frames next to every frame inside (start, end) where two members' coordinate lines cross: between those, each coordinate's median follows one line (or the mean of two). */
function crossings(interval: Interval, out: number[]): void {
  const { start: s, end: e, active } = interval;
  if (e - s < 2 || active.length < 2) return;
  for (const [base, delta] of AXES) {
    for (let i = 0; i < active.length; i++) {
      const p = active[i]!;
      const ps = p[base] + p[delta] * (p.span === 0 || s === p.start ? 0 : (s - p.start) / p.span);
      const pe = p[base] + p[delta] * (p.span === 0 ? 0 : (e - p.start) / p.span);
      for (let j = i + 1; j < active.length; j++) {
        const q = active[j]!;
        const qs = q[base] + q[delta] * (q.span === 0 || s === q.start ? 0 : (s - q.start) / q.span);
        const qe = q[base] + q[delta] * (q.span === 0 ? 0 : (e - q.start) / q.span);
        const ds = ps - qs;
        const de = pe - qe;
        if (!(ds * de < 0)) continue;
        const f = s + ((e - s) * ds) / (ds - de);
        const lo = Math.floor(f);
        const hi = Math.ceil(f);
        if (lo > s && lo < e) out.push(lo);
        if (hi > s && hi < e && hi !== lo) out.push(hi);
      }
    }
  }
}

function boxOf(v: Vertices, i: number): Box {
  return { x: v.x[i]!, y: v.y[i]!, w: v.w[i]!, h: v.h[i]! };
}

/** Largest coordinate distance between vertex i and the interpolation between vertices a and b (lerpBox's arithmetic). */
function deviation(v: Vertices, a: number, b: number, i: number): number {
  const t = (v.frame[i]! - v.frame[a]!) / (v.frame[b]! - v.frame[a]!);
  return Math.max(
    Math.abs(v.x[a]! + (v.x[b]! - v.x[a]!) * t - v.x[i]!),
    Math.abs(v.y[a]! + (v.y[b]! - v.y[a]!) * t - v.y[i]!),
    Math.abs(v.w[a]! + (v.w[b]! - v.w[a]!) * t - v.w[i]!),
    Math.abs(v.h[a]! + (v.h[b]! - v.h[a]!) * t - v.h[i]!),
  );
}

/** Ramer–Douglas–Peucker between two kept vertices (both ends kept by the caller): keeps the farthest vertex while interpolation is off by more than `tolerance`. */
function simplify(v: Vertices, from: number, to: number, tolerance: number, keep: Set<number>): void {
  const stack: [number, number][] = [[from, to]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    if (b - a < 2) continue;
    let worst = -1;
    let worstAt = -1;
    for (let i = a + 1; i < b; i++) {
      const d = deviation(v, a, b, i);
      if (d > worst) {
        worst = d;
        worstAt = i;
      }
    }
    if (worst > tolerance) {
      keep.add(worstAt);
      stack.push([a, worstAt], [worstAt, b]);
    }
  }
}

function memberAttributes(p: Piece, frame: number): Record<string, AttributeValue> | undefined {
  return frame <= p.end ? p.left.attributes : p.next?.attributes;
}

function memberBoxAfter(p: Piece, frame: number): Box {
  return frame <= p.end ? pieceBox(p, frame) : { ...p.next!.box };
}

/**
 * Keyframes of one visible run (consecutive frames on which the consensus is
 * visible): an inside keyframe where it starts, keyframes where more than
 * half of the visible members have one, Ramer–Douglas–Peucker in between,
 * the last stretch held still (CVAT holds the box after the last inside
 * keyframe) when it stays within the tolerance, and an outside keyframe on
 * the first hidden frame.
 */
function runKeyframes(run: readonly Interval[], frameCount: number, tolerance: number): CanonicalKeyframe[] {
  const v: Vertices = { frame: [], x: [], y: [], w: [], h: [], owner: [] };
  const forced: number[] = [0];
  const inner: number[] = [];
  for (const interval of run) {
    inner.length = 0;
    crossings(interval, inner);
    inner.sort((a, b) => a - b);
    const add = (f: number) => {
      const last = v.frame.length - 1;
      if (last >= 0 && v.frame[last]! >= f) return;
      v.frame.push(f);
      v.owner.push(interval);
      v.x.push(medianAt(interval.active, f, 'ax', 'dx'));
      v.y.push(medianAt(interval.active, f, 'ay', 'dy'));
      v.w.push(medianAt(interval.active, f, 'aw', 'dw'));
      v.h.push(medianAt(interval.active, f, 'ah', 'dh'));
    };
    add(interval.start);
    if (v.frame.length > 1) {
      let starting = 0;
      for (const p of interval.active) if (p.start === interval.start) starting++;
      if (starting * 2 > interval.active.length) forced.push(v.frame.length - 1);
    }
    for (const f of inner) add(f);
    add(interval.end);
  }
  const keep = new Set(forced);
  for (let k = 0; k + 1 < forced.length; k++) simplify(v, forced[k]!, forced[k + 1]!, tolerance, keep);
  // The last stretch: held still from the earliest vertex every later one stays within the tolerance of.
  const lastForced = forced[forced.length - 1]!;
  let tail = v.frame.length - 1;
  const lo = boxOf(v, tail);
  const hi = boxOf(v, tail);
  for (let i = tail - 1; i >= lastForced; i--) {
    const b = boxOf(v, i);
    if (COORDS.some((c) => hi[c] - b[c] > tolerance || b[c] - lo[c] > tolerance)) break;
    tail = i;
    for (const c of COORDS) {
      lo[c] = Math.min(lo[c], b[c]);
      hi[c] = Math.max(hi[c], b[c]);
    }
  }
  keep.add(tail);
  simplify(v, lastForced, tail, tolerance, keep);

  const out: CanonicalKeyframe[] = [...keep]
    .sort((a, b) => a - b)
    .map((i) => {
      const k: CanonicalKeyframe = { frame: v.frame[i]!, box: boxOf(v, i) };
      const attributes = majorityAttributes(v.owner[i]!.active.map((p) => p.left.attributes));
      if (attributes) k.attributes = attributes;
      return k;
    });
  const last = run[run.length - 1]!;
  const after = last.end + 1;
  if (after < frameCount) {
    const k: CanonicalKeyframe = { frame: after, box: medianBox(last.active.map((p) => memberBoxAfter(p, after))), outside: true };
    const attributes = majorityAttributes(last.active.map((p) => memberAttributes(p, after)));
    if (attributes) k.attributes = attributes;
    out.push(k);
  }
  return out;
}

/**
 * The consensus track of a cluster's members (the winning class's tracks),
 * frame by frame: visible where more than `quorumShare` of ALL `annotatorCount`
 * annotators' members are, the box the per-coordinate median of the visible
 * members' boxes; then reduced back to keyframes (runKeyframes). Between
 * member keyframes every member's box is linear, so the median is too except
 * where two members' coordinates cross; the per-frame consensus is therefore
 * evaluated only at those frames and is exact on every other one. Returns no
 * keyframes when the consensus is never visible.
 */
export function consensusKeyframes(members: readonly (readonly Piece[])[], annotatorCount: number, quorumShare: number, frameCount: number, tolerance: number): CanonicalKeyframe[] {
  const runs: Interval[][] = [];
  let run: Interval[] = [];
  walkPieces(members, (start, end, activeOrNull) => {
    const active = activeOrNull.filter((p): p is Piece => p !== null);
    const visible = active.length > quorumShare * annotatorCount;
    const last = run[run.length - 1];
    if (!visible || (last && last.end + 1 !== start)) {
      if (run.length > 0) runs.push(run);
      run = [];
    }
    if (visible) run.push({ start, end, active });
  });
  if (run.length > 0) runs.push(run);
  return runs.flatMap((r) => runKeyframes(r, frameCount, tolerance));
}

/** A consensus track, or null when it is never visible. */
export function consensusTrack(className: string, attributes: CanonicalTrack['attributes'], members: readonly (readonly Piece[])[], annotatorCount: number, quorumShare: number, frameCount: number, tolerance: number): CanonicalTrack | null {
  const keyframes = consensusKeyframes(members, annotatorCount, quorumShare, frameCount, tolerance);
  if (keyframes.length === 0) return null;
  const track: CanonicalTrack = { className, keyframes };
  if (attributes) track.attributes = attributes;
  return track;
}
