import { matchByScore } from '../../geometry/hungarian';
import type { CanonicalSegment } from '../../sync/canonicalVideo';
import { compareText } from '../../sync/canonicalLabels';
import { clusterByPairs } from '../clusterShapes';

/** Segment boundaries: the start frames of the segments after the first. */
export function boundaries(segments: readonly CanonicalSegment[]): number[] {
  return segments.slice(1).map((s) => s.startFrame);
}

/** Closeness of two boundaries within the tolerance, in (0, 1]: 1 when equal. */
function closeness(a: number, b: number, tolerance: number): number {
  const d = Math.abs(a - b);
  return d > tolerance ? 0 : 1 - d / (tolerance + 1);
}

/**
 * Boundaries of two sorted lists paired one-to-one within the tolerance: as
 * many pairs as possible, then the closest (Hungarian). Only boundaries
 * within the tolerance can pair, so the merged list is cut wherever two
 * neighbours are further apart and each piece is matched on its own.
 */
export function matchBoundaries(a: readonly number[], b: readonly number[], tolerance: number): [number, number, number][] {
  const merged = [...a.map((f, i) => ({ f, side: 0, i })), ...b.map((f, i) => ({ f, side: 1, i }))].sort((x, y) => x.f - y.f || x.side - y.side || x.i - y.i);
  const pairs: [number, number, number][] = [];
  let from = 0;
  for (let k = 1; k <= merged.length; k++) {
    if (k < merged.length && merged[k]!.f - merged[k - 1]!.f <= tolerance) continue;
    const group = merged.slice(from, k);
    from = k;
    const rows = group.filter((g) => g.side === 0);
    const cols = group.filter((g) => g.side === 1);
    if (rows.length === 0 || cols.length === 0) continue;
    const scores = rows.map((r) => cols.map((c) => closeness(r.f, c.f, tolerance)));
    for (const [i, j, score] of matchByScore(scores, Number.MIN_VALUE).pairs) pairs.push([rows[i]!.i, cols[j]!.i, score]);
  }
  return pairs.sort((x, y) => x[0] - y[0]);
}

/** The tags of the segment covering `frame` (segments tile the video). */
export function tagsAt(segments: readonly CanonicalSegment[], frame: number): string[] {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.startFrame <= frame) lo = mid;
    else hi = mid - 1;
  }
  return segments[lo]?.tags ?? [];
}

const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/**
 * Consensus segments. None unless more than `quorumShare` of the annotators
 * submitted segments. Boundaries of different annotators within the
 * tolerance are clustered exactly as shapes are (clusterByPairs: pairwise
 * one-to-one matching, strongest first, at most one per annotator); a
 * cluster with more than `quorumShare` of ALL annotators is a boundary, at
 * its members' lower median frame. A consensus segment keeps a tag when more
 * than `quorumShare` of ALL annotators have it on the segment covering its
 * middle frame.
 */
export function consensusSegments(segmentsByAnnotator: readonly (readonly CanonicalSegment[])[], frameCount: number, quorumShare: number, tolerance: number): CanonicalSegment[] {
  const n = segmentsByAnnotator.length;
  const withSegments = segmentsByAnnotator.filter((s) => s.length > 0);
  if (!(withSegments.length > quorumShare * n)) return [];
  const lists = segmentsByAnnotator.map(boundaries);
  const clusters = clusterByPairs(
    lists.map((l) => l.length),
    (a, b) => matchBoundaries(lists[a]!, lists[b]!, tolerance),
  );
  const starts = new Set<number>();
  for (const cluster of clusters) {
    if (!(cluster.length > quorumShare * n)) continue;
    const frames = cluster.map((r) => lists[r.annotator]![r.shape]!).sort((x, y) => x - y);
    starts.add(frames[(frames.length - 1) >> 1]!);
  }
  const sorted = [0, ...[...starts].filter((f) => f > 0).sort((x, y) => x - y)];
  return sorted.map((startFrame, i) => {
    const endFrame = i + 1 < sorted.length ? sorted[i + 1]! - 1 : frameCount - 1;
    const middle = Math.floor((startFrame + endFrame) / 2);
    const counts = new Map<string, number>();
    for (const segments of withSegments) for (const tag of tagsAt(segments, middle)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    const tags = [...counts].filter(([, c]) => c > quorumShare * n).map(([t]) => t);
    const seg: CanonicalSegment = { startFrame, endFrame };
    if (tags.length > 0) seg.tags = tags.sort(compareText);
    return seg;
  });
}

/**
 * An annotator's segments against the consensus (or final) ones: F1 of the
 * boundaries matched one-to-one within the tolerance (1 when neither has a
 * boundary), times the share of the consensus segments whose tag set the
 * annotator's segment covering their middle frame has exactly. 1 when
 * neither has segments, 0 when only one has.
 */
export function segmentAgreement(own: readonly CanonicalSegment[], consensus: readonly CanonicalSegment[], tolerance: number): number {
  if (own.length === 0 && consensus.length === 0) return 1;
  if (own.length === 0 || consensus.length === 0) return 0;
  const a = boundaries(own);
  const b = boundaries(consensus);
  const f1 = a.length + b.length === 0 ? 1 : (2 * matchBoundaries(a, b, tolerance).length) / (a.length + b.length);
  let sameTagged = 0;
  for (const seg of consensus) if (sameTags(tagsAt(own, Math.floor((seg.startFrame + seg.endFrame) / 2)), seg.tags ?? [])) sameTagged++;
  return f1 * (sameTagged / consensus.length);
}
