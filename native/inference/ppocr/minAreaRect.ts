import type { RotatedRect } from './rotatedRect';
import type { Point } from './types';

/**
 * The smallest-area rectangle enclosing a convex hull. One side of that
 * rectangle always lies on a hull edge, so each edge direction is tried and
 * the hull projected onto it and its normal. O(h²) is fine here: the hulls of
 * text components have a few dozen points.
 *
 * Returns undefined when the points cannot span a rectangle direction (fewer
 * than two distinct points, e.g. a one-pixel region, or coordinates that are
 * not finite): the caller drops such a region instead of failing the image.
 */
export function minAreaRect(hull: readonly Point[]): RotatedRect | undefined {
  if (!hull.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y))) return undefined;
  let best: { area: number; ux: number; uy: number; u0: number; u1: number; v0: number; v1: number } | undefined;
  for (let i = 0; i < hull.length; i++) {
    const [x1, y1] = hull[i]!;
    const [x2, y2] = hull[(i + 1) % hull.length]!;
    const len = Math.hypot(x2 - x1, y2 - y1);
    if (len === 0) continue;
    const ux = (x2 - x1) / len;
    const uy = (y2 - y1) / len;
    let u0 = Infinity;
    let u1 = -Infinity;
    let v0 = Infinity;
    let v1 = -Infinity;
    for (const [x, y] of hull) {
      const u = x * ux + y * uy;
      const v = -x * uy + y * ux;
      if (u < u0) u0 = u;
      if (u > u1) u1 = u;
      if (v < v0) v0 = v;
      if (v > v1) v1 = v;
    }
    const area = (u1 - u0) * (v1 - v0);
    if (!best || area < best.area - 1e-9) best = { area, ux, uy, u0, u1, v0, v1 };
  }
  if (!best) return undefined;
  const { ux, uy, u0, u1, v0, v1 } = best;
  const cu = (u0 + u1) / 2;
  const cv = (v0 + v1) / 2;
  return canonical({ cx: cu * ux - cv * uy, cy: cu * uy + cv * ux, w: u1 - u0, h: v1 - v0, ux, uy });
}

/**
 * The same rectangle described with its w side pointing rightwards and as
 * close to horizontal as possible (|angle| ≤ 45°), so w is the text line's
 * length and h its height for any line tilted less than 45°.
 */
function canonical(r: RotatedRect): RotatedRect {
  let { ux, uy, w, h } = r;
  if (Math.abs(uy) > Math.abs(ux)) {
    // Swap sides: the h side runs along (-uy, ux); point it rightwards.
    [ux, uy] = -uy > 0 ? [-uy, ux] : [uy, -ux];
    [w, h] = [h, w];
  } else if (ux < 0) {
    ux = -ux;
    uy = -uy;
  }
  return { cx: r.cx, cy: r.cy, w, h, ux, uy };
}
