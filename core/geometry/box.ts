import type { Box } from '../model/shape';

export function boxFromPoints(ax: number, ay: number, bx: number, by: number): Box {
  return { x: Math.min(ax, bx), y: Math.min(ay, by), w: Math.abs(bx - ax), h: Math.abs(by - ay) };
}

export function boxArea(b: Box): number {
  return b.w * b.h;
}

export function intersection(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function iou(a: Box, b: Box): number {
  const inter = intersection(a, b);
  const union = boxArea(a) + boxArea(b) - inter;
  return union > 0 ? inter / union : 0;
}

export function containsPoint(b: Box, x: number, y: number): boolean {
  return x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h;
}

/** Clamp a box into the image so exports never carry out-of-bounds coordinates. */
export function clampBox(b: Box, width: number, height: number): Box {
  const x1 = Math.max(0, Math.min(width, b.x));
  const y1 = Math.max(0, Math.min(height, b.y));
  const x2 = Math.max(0, Math.min(width, b.x + b.w));
  const y2 = Math.max(0, Math.min(height, b.y + b.h));
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

export function isInside(b: Box, width: number, height: number, tolerance = 0.5): boolean {
  return b.x >= -tolerance && b.y >= -tolerance && b.x + b.w <= width + tolerance && b.y + b.h <= height + tolerance;
}
