import type { Box } from '../../model/shape';
import type { CanonicalKeyframe, CanonicalTrack } from '../../sync/canonicalVideo';
import { lerpBox } from '../../video/interpolate';

/**
 * A stretch of frames [start, end] on which a track is visible and its box
 * is one linear function of the frame: CVAT's interpolation
 * (core/video/interpolate.ts `boxAtFrame`) cut at the keyframes. A track is
 * its list of visible pieces, in frame order; frames no piece covers are
 * hidden (before the first keyframe, from an outside keyframe to the next
 * inside one). Work on pieces is O(keyframes); only per-frame IoU and hit
 * counting touch frames, and only frames the tracks are visible on.
 */
export interface Piece {
  start: number;
  end: number;
  /** The inside keyframe the piece starts at. */
  left: CanonicalKeyframe;
  /** The next inside keyframe when the box glides towards it (lerp), else null (the box holds still). */
  right: CanonicalKeyframe | null;
  /** The keyframe right after the piece (an outside one, or the next inside one), null at the end of the video. */
  next: CanonicalKeyframe | null;
}

/** The visible pieces of a (normalized: sorted, frames < frameCount) track. */
export function trackPieces(track: CanonicalTrack, frameCount: number): Piece[] {
  const out: Piece[] = [];
  const k = track.keyframes;
  for (let i = 0; i < k.length; i++) {
    const left = k[i]!;
    if (left.outside || left.frame >= frameCount) continue;
    const next = k[i + 1] ?? null;
    const end = next ? Math.min(next.frame, frameCount) - 1 : frameCount - 1;
    out.push({ start: left.frame, end, left, right: next && !next.outside ? next : null, next });
  }
  return out;
}

/** The box of a piece on one of its frames, computed exactly as `boxAtFrame` does. */
export function pieceBox(p: Piece, frame: number): Box {
  if (frame === p.left.frame || !p.right) return { ...p.left.box };
  return lerpBox(p.left.box, p.right.box, (frame - p.left.frame) / (p.right.frame - p.left.frame));
}

/** Visible frames of a track. */
export function visibleFrames(pieces: readonly Piece[]): number {
  let n = 0;
  for (const p of pieces) n += p.end - p.start + 1;
  return n;
}

/** The smallest box holding the piece's boxes on [from, to] (linear motion: the two ends' boxes). */
export function pieceHull(p: Piece, from: number, to: number): { x1: number; y1: number; x2: number; y2: number } {
  const a = pieceBox(p, from);
  const b = pieceBox(p, to);
  return { x1: Math.min(a.x, b.x), y1: Math.min(a.y, b.y), x2: Math.max(a.x + a.w, b.x + b.w), y2: Math.max(a.y + a.h, b.y + b.h) };
}

/**
 * Walks the frames covered by any of the piece lists, cut wherever one of
 * them starts or ends a piece: `visit(start, end, active)` with the piece of
 * each list on those frames (null where that list is hidden). Intervals come
 * in frame order; only covered intervals are visited. O(total pieces · lists).
 */
export function walkPieces(lists: readonly (readonly Piece[])[], visit: (start: number, end: number, active: readonly (Piece | null)[]) => void): void {
  const index = lists.map(() => 0);
  const active: (Piece | null)[] = lists.map(() => null);
  let frame = -1;
  for (;;) {
    // The next frame at which something starts, at or after `frame`.
    let start = Infinity;
    for (let l = 0; l < lists.length; l++) {
      const p = lists[l]![index[l]!];
      if (p) start = Math.min(start, Math.max(p.start, frame));
    }
    if (start === Infinity) return;
    let end = Infinity;
    for (let l = 0; l < lists.length; l++) {
      const p = lists[l]![index[l]!];
      if (!p) {
        active[l] = null;
        continue;
      }
      if (p.start <= start) {
        active[l] = p;
        end = Math.min(end, p.end);
      } else {
        active[l] = null;
        end = Math.min(end, p.start - 1);
      }
    }
    visit(start, end, active);
    frame = end + 1;
    for (let l = 0; l < lists.length; l++) {
      const p = lists[l]![index[l]!];
      if (p && p.end <= end) index[l]!++;
    }
  }
}
