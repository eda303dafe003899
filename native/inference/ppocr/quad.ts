import type { Box } from '../../../core/model/shape';
import type { Point } from './types';

export function distance(a: Point, b: Point): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/** The axis-aligned box around a set of corners. */
export function quadBounds(quad: readonly Point[]): Box {
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

/**
 * Text-line length and height of a quad ordered clockwise from top-left:
 * the longer of the two opposite sides each way, as PaddleOCR's
 * get_rotate_crop_image sizes its crop.
 */
export function quadSize(q: readonly Point[]): { w: number; h: number } {
  const [p0, p1, p2, p3] = q as [Point, Point, Point, Point];
  return { w: Math.max(distance(p0, p1), distance(p3, p2)), h: Math.max(distance(p0, p3), distance(p1, p2)) };
}
