import type { AttributeValue } from '../../model/labelSchema';
import type { Box } from '../../model/shape';
import type { CanonicalKeyframe, CanonicalTrack } from '../../sync/canonicalVideo';
import { compareText } from '../../sync/canonicalLabels';
import { lerpBox } from '../../video/interpolate';
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

interface Vertex {
  frame: number;
  box: Box;
  /** The visible members' pieces on this frame. */
  active: Piece[];
}

/** Integer frames next to every frame inside (start, end) where two members' coordinate lines cross: between those, each coordinate's median follows one line (or the mean of two). */
function crossings(interval: Interval): number[] {
  const { start: s, end: e, active } = interval;
  if (e - s < 2 || active.length < 2) return [];
  const at = active.map((p) => [pieceBox(p, s), pieceBox(p, e)] as const);
  const out: number[] = [];
  for (const c of COORDS) {
    for (let i = 0; i < at.length; i++) {
      for (let j = i + 1; j < at.length; j++) {
        const ds = at[i]![0][c] - at[j]![0][c];
        const de = at[i]![1][c] - at[j]![1][c];
        if (!(ds * de < 0)) continue;
        const f = s + ((e - s) * ds) / (ds - de);
        for (const g of [Math.floor(f), Math.ceil(f)]) if (g > s && g < e) out.push(g);
      }
    }
  }
  return out;
}

function deviation(a: Box, b: Box): number {
  return Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y), Math.abs(a.w - b.w), Math.abs(a.h - b.h));
}

/** Ramer–Douglas–Peucker between two kept vertices (both ends kept by the caller): keeps the farthest vertex while interpolation is off by more than `tolerance`. */
function simplify(vertices: readonly Vertex[], from: number, to: number, tolerance: number, keep: Set<number>): void {
  const stack: [number, number][] = [[from, to]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    if (b - a < 2) continue;
    const va = vertices[a]!;
    const vb = vertices[b]!;
    let worst = -1;
    let worstAt = -1;
    for (let i = a + 1; i < b; i++) {
      const v = vertices[i]!;
      const d = deviation(lerpBox(va.box, vb.box, (v.frame - va.frame) / (vb.frame - va.frame)), v.box);
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
  const frames: number[] = [];
  const owners: Interval[] = [];
  for (const interval of run) {
    const inner = [...new Set(crossings(interval))].sort((a, b) => a - b);
    for (const f of [interval.start, ...inner, interval.end]) {
      if (frames[frames.length - 1] === f) continue;
      frames.push(f);
      owners.push(interval);
    }
  }
  const vertices: Vertex[] = frames.map((frame, i) => {
    const active = owners[i]!.active;
    return { frame, box: medianBox(active.map((p) => pieceBox(p, frame))), active };
  });
  const forced: number[] = [0];
  vertices.forEach((v, i) => {
    if (i === 0) return;
    const starting = v.active.filter((p) => p.start === v.frame).length;
    if (starting * 2 > v.active.length) forced.push(i);
  });
  const keep = new Set(forced);
  for (let k = 0; k + 1 < forced.length; k++) simplify(vertices, forced[k]!, forced[k + 1]!, tolerance, keep);
  // The last stretch: held still from the earliest vertex every later one stays within the tolerance of.
  const lastForced = forced[forced.length - 1]!;
  let tail = vertices.length - 1;
  const lo = { ...vertices[tail]!.box };
  const hi = { ...vertices[tail]!.box };
  for (let i = tail - 1; i >= lastForced; i--) {
    const b = vertices[i]!.box;
    if (COORDS.some((c) => hi[c] - b[c] > tolerance || b[c] - lo[c] > tolerance)) break;
    tail = i;
    for (const c of COORDS) {
      lo[c] = Math.min(lo[c], b[c]);
      hi[c] = Math.max(hi[c], b[c]);
    }
  }
  keep.add(tail);
  simplify(vertices, lastForced, tail, tolerance, keep);

  const out: CanonicalKeyframe[] = [...keep]
    .sort((a, b) => a - b)
    .map((i) => {
      const v = vertices[i]!;
      const k: CanonicalKeyframe = { frame: v.frame, box: v.box };
      const attributes = majorityAttributes(v.active.map((p) => p.left.attributes));
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
