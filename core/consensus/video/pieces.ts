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
  /** For allocation-free per-frame work: the left box and the right box minus it (0 when holding), and the keyframe distance (0 when holding). */
  ax: number;
  ay: number;
  aw: number;
  ah: number;
  dx: number;
  dy: number;
  dw: number;
  dh: number;
  span: number;
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
    const right = next && !next.outside ? next : null;
    const a = left.box;
    const b = right?.box ?? a;
    out.push({ start: left.frame, end, left, right, next, ax: a.x, ay: a.y, aw: a.w, ah: a.h, dx: b.x - a.x, dy: b.y - a.y, dw: b.w - a.w, dh: b.h - a.h, span: right ? right.frame - left.frame : 0 });
  }
  return out;
}

/** The box of a piece on one of its frames, computed exactly as `boxAtFrame` does. */
export function pieceBox(p: Piece, frame: number): Box {
  if (frame === p.left.frame || !p.right) return { ...p.left.box };
  return lerpBox(p.left.box, p.right.box, (frame - p.left.frame) / (p.right.frame - p.left.frame));
}

/** The interpolation parameter of `frame` in the piece, as `boxAtFrame` computes it (0 when holding). */
function tOf(p: Piece, frame: number): number {
  return p.span === 0 || frame === p.start ? 0 : (frame - p.start) / p.span;
}

/**
 * IoU of two pieces' boxes on one frame without building boxes; the same
 * arithmetic as `lerpBox` then `iou` (core/geometry/box.ts).
 */
export function pieceIouAt(a: Piece, b: Piece, frame: number): number {
  const ta = tOf(a, frame);
  const tb = tOf(b, frame);
  const ax = a.ax + a.dx * ta;
  const ay = a.ay + a.dy * ta;
  const aw = a.aw + a.dw * ta;
  const ah = a.ah + a.dh * ta;
  const bx = b.ax + b.dx * tb;
  const by = b.ay + b.dy * tb;
  const bw = b.aw + b.dw * tb;
  const bh = b.ah + b.dh * tb;
  const w = Math.min(ax + aw, bx + bw) - Math.max(ax, bx);
  const h = Math.min(ay + ah, by + bh) - Math.max(ay, by);
  const inter = w > 0 && h > 0 ? w * h : 0;
  const union = aw * ah + bw * bh - inter;
  return union > 0 ? inter / union : 0;
}

/** True when the two pieces' boxes cannot overlap anywhere on [from, to] (linear motion: each piece's boxes stay in the hull of its two ends). */
export function piecesApart(a: Piece, b: Piece, from: number, to: number): boolean {
  const ta0 = tOf(a, from);
  const ta1 = tOf(a, to);
  const tb0 = tOf(b, from);
  const tb1 = tOf(b, to);
  const ax1 = Math.min(a.ax + a.dx * ta0, a.ax + a.dx * ta1);
  const ax2 = Math.max(a.ax + a.dx * ta0 + a.aw + a.dw * ta0, a.ax + a.dx * ta1 + a.aw + a.dw * ta1);
  const bx1 = Math.min(b.ax + b.dx * tb0, b.ax + b.dx * tb1);
  const bx2 = Math.max(b.ax + b.dx * tb0 + b.aw + b.dw * tb0, b.ax + b.dx * tb1 + b.aw + b.dw * tb1);
  if (ax2 <= bx1 || bx2 <= ax1) return true;
  const ay1 = Math.min(a.ay + a.dy * ta0, a.ay + a.dy * ta1);
  const ay2 = Math.max(a.ay + a.dy * ta0 + a.ah + a.dh * ta0, a.ay + a.dy * ta1 + a.ah + a.dh * ta1);
  const by1 = Math.min(b.ay + b.dy * tb0, b.ay + b.dy * tb1);
  const by2 = Math.max(b.ay + b.dy * tb0 + b.ah + b.dh * tb0, b.ay + b.dy * tb1 + b.ah + b.dh * tb1);
  return ay2 <= by1 || by2 <= ay1;
}

/** Visible frames of a track. */
export function visibleFrames(pieces: readonly Piece[]): number {
  let n = 0;
  for (const p of pieces) n += p.end - p.start + 1;
  return n;
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
