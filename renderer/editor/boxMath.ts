import type { Box } from '../../core/model/shape';
import type { HandleId } from './types';

/** Drawn boxes smaller than this (image px) in either direction are discarded as stray clicks. */
export const MIN_DRAWN_SIZE = 2;

export interface ImageSize {
  width: number;
  height: number;
}

/** Whole-pixel edges, inside the image: the form every committed box takes. */
export function snapBox(ax: number, ay: number, bx: number, by: number, image: ImageSize): Box {
  const x1 = clamp(Math.round(Math.min(ax, bx)), 0, image.width);
  const x2 = clamp(Math.round(Math.max(ax, bx)), 0, image.width);
  const y1 = clamp(Math.round(Math.min(ay, by)), 0, image.height);
  const y2 = clamp(Math.round(Math.max(ay, by)), 0, image.height);
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

/** The box a draw gesture produces, or null when it is too small to be meant. */
export function drawnBox(ax: number, ay: number, bx: number, by: number, image: ImageSize): Box | null {
  const b = snapBox(ax, ay, bx, by, image);
  return b.w < MIN_DRAWN_SIZE || b.h < MIN_DRAWN_SIZE ? null : b;
}

/** The largest whole-pixel move ≤ (dx, dy) that keeps every box inside the image. */
export function clampMove(boxes: readonly Box[], dx: number, dy: number, image: ImageSize): { dx: number; dy: number } {
  let mx = Math.round(dx);
  let my = Math.round(dy);
  for (const b of boxes) {
    mx = clamp(mx, -b.x, image.width - (b.x + b.w));
    my = clamp(my, -b.y, image.height - (b.y + b.h));
  }
  return { dx: mx, dy: my };
}

export function moveBox(b: Box, dx: number, dy: number): Box {
  return { x: b.x + dx, y: b.y + dy, w: b.w, h: b.h };
}

/** The box after dragging `handle` to (px, py) in image coords; dragging past the opposite edge flips. Keeps ≥ 1 px. */
export function resizeBox(b: Box, handle: HandleId, px: number, py: number, image: ImageSize): Box {
  let x1 = b.x;
  let y1 = b.y;
  let x2 = b.x + b.w;
  let y2 = b.y + b.h;
  if (handle.includes('w')) x1 = px;
  if (handle.includes('e')) x2 = px;
  if (handle.includes('n')) y1 = py;
  if (handle.includes('s')) y2 = py;
  const s = snapBox(x1, y1, x2, y2, image);
  return { x: s.x, y: s.y, w: Math.max(1, s.w), h: Math.max(1, s.h) };
}

export function sameBox(a: Box, b: Box): boolean {
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
