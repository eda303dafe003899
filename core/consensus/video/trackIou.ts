import type { CanonicalTrack } from '../../sync/canonicalVideo';
import { pieceIouAt, piecesApart, trackPieces, walkPieces, type Piece } from './pieces';

const rangesCache = new WeakMap<readonly Piece[], [number, number][]>();

/** The visible stretches of a piece list (consecutive pieces joined), cached per list. */
function visibleRanges(pieces: readonly Piece[]): [number, number][] {
  let ranges = rangesCache.get(pieces);
  if (!ranges) {
    ranges = [];
    for (const p of pieces) {
      const last = ranges[ranges.length - 1];
      if (last && last[1] + 1 === p.start) last[1] = p.end;
      else ranges.push([p.start, p.end]);
    }
    rangesCache.set(pieces, ranges);
  }
  return ranges;
}

/** Frames either track is visible on, and frames both are (from their visible stretches, not their pieces). */
function coverage(a: readonly Piece[], b: readonly Piece[]): { union: number; both: number } {
  const ra = visibleRanges(a);
  const rb = visibleRanges(b);
  let total = 0;
  for (const [s, e] of ra) total += e - s + 1;
  for (const [s, e] of rb) total += e - s + 1;
  let both = 0;
  for (let i = 0, j = 0; i < ra.length && j < rb.length; ) {
    const [sa, ea] = ra[i]!;
    const [sb, eb] = rb[j]!;
    both += Math.max(0, Math.min(ea, eb) - Math.max(sa, sb) + 1);
    if (ea < eb) i++;
    else j++;
  }
  return { union: total - both, both };
}

/**
 * Track IoU on pieces: the mean per-frame IoU over the frames either track
 * is visible on (0 where only one is). With `atLeast`, gives up as soon as
 * the result can no longer reach it and returns -1: consensus never needs
 * the exact value of a pair that cannot match.
 */
export function piecesIou(a: readonly Piece[], b: readonly Piece[], atLeast = 0): number {
  const { union, both } = coverage(a, b);
  if (union === 0) return 0;
  const needed = atLeast * union;
  if (both < needed) return -1;
  let sum = 0;
  let left = both;
  let gaveUp = false;
  walkPieces([a, b], (s, e, [pa, pb]) => {
    if (gaveUp || !pa || !pb) return;
    const n = e - s + 1;
    if (!piecesApart(pa, pb, s, e)) {
      if (pa.span === 0 && pb.span === 0) sum += n * pieceIouAt(pa, pb, s);
      else for (let f = s; f <= e; f++) sum += pieceIouAt(pa, pb, f);
    }
    left -= n;
    if (sum + left < needed) gaveUp = true;
  });
  return gaveUp ? -1 : sum / union;
}

/** Track IoU of two tracks over a video of `frameCount` frames: mean per-frame IoU over the frames where either is visible (0 on frames only one is visible); 0 when neither ever is. */
export function trackIou(a: CanonicalTrack, b: CanonicalTrack, frameCount: number): number {
  return piecesIou(trackPieces(a, frameCount), trackPieces(b, frameCount));
}

/** Frames on which both are visible with IoU ≥ `threshold` (IDF1's true positives for one matched pair). */
export function frameHits(a: readonly Piece[], b: readonly Piece[], threshold: number): number {
  let hits = 0;
  walkPieces([a, b], (s, e, [pa, pb]) => {
    if (!pa || !pb || piecesApart(pa, pb, s, e)) return;
    if (pa.span === 0 && pb.span === 0) {
      if (pieceIouAt(pa, pb, s) >= threshold) hits += e - s + 1;
      return;
    }
    for (let f = s; f <= e; f++) if (pieceIouAt(pa, pb, f) >= threshold) hits++;
  });
  return hits;
}
