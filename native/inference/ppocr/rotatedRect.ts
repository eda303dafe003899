import type { Point, Quad } from './types';

/**
 * A rectangle at any angle: centre, side lengths, and the unit vector (ux, uy)
 * along the side of length w. The side of length h runs along (-uy, ux).
 */
export interface RotatedRect {
  cx: number;
  cy: number;
  w: number;
  h: number;
  ux: number;
  uy: number;
}

/**
 * The four corners, clockwise on screen (y down), starting at the top-left
 * one: the corner with the smallest x + y, the smaller y on a tie. That is
 * the reading start of a text line tilted by less than 45°, which is what
 * recognition needs to crop it the right way up.
 */
export function rectCorners(r: RotatedRect): Quad {
  const hw = r.w / 2;
  const hh = r.h / 2;
  const vx = -r.uy;
  const vy = r.ux;
  const corners: Point[] = [
    [r.cx - hw * r.ux - hh * vx, r.cy - hw * r.uy - hh * vy],
    [r.cx + hw * r.ux - hh * vx, r.cy + hw * r.uy - hh * vy],
    [r.cx + hw * r.ux + hh * vx, r.cy + hw * r.uy + hh * vy],
    [r.cx - hw * r.ux + hh * vx, r.cy - hw * r.uy + hh * vy],
  ];
  return orderClockwiseFromTopLeft(corners);
}

/** Orders the corners of a convex quadrilateral clockwise on screen, from the top-left one. */
export function orderClockwiseFromTopLeft(corners: readonly Point[]): Quad {
  if (corners.length !== 4) throw new Error(`A quadrilateral needs 4 corners, got ${corners.length}`);
  const mx = corners.reduce((s, p) => s + p[0], 0) / 4;
  const my = corners.reduce((s, p) => s + p[1], 0) / 4;
  // With y pointing down, increasing atan2 angle turns clockwise on screen.
  const around = [...corners].sort((a, b) => Math.atan2(a[1] - my, a[0] - mx) - Math.atan2(b[1] - my, b[0] - mx));
  let start = 0;
  for (let i = 1; i < 4; i++) {
    const p = around[i]!;
    const s = around[start]!;
    const d = p[0] + p[1] - (s[0] + s[1]);
    if (d < -1e-9 || (Math.abs(d) <= 1e-9 && p[1] < s[1])) start = i;
  }
  const q = [0, 1, 2, 3].map((k) => around[(start + k) % 4]!.slice() as Point);
  return q as Quad;
}
