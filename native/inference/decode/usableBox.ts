import type { Box } from '../../../core/model/shape';

/**
 * True for a box a user can see and edit: finite coordinates, a positive
 * width and height, inside a width × height image. Decoders drop every box
 * that fails this instead of throwing, so one absurd anchor (NaN, infinite,
 * zero-sized, or entirely off the image) never costs the image its other
 * predictions.
 */
export function isUsableBox(box: Box, width: number, height: number): boolean {
  const { x, y, w, h } = box;
  if (![x, y, w, h].every(Number.isFinite)) return false;
  if (!(w > 0 && h > 0)) return false;
  return x >= 0 && y >= 0 && x + w <= width && y + h <= height;
}

/**
 * Clamps a box into the image and returns it only when something of it is
 * left. Unlike core's clampBox, this makes the right and bottom edges land
 * exactly on the image border (x + w ≤ width holds in floating point too).
 */
export function clampToImage(box: Box, width: number, height: number): Box | undefined {
  if (![box.x, box.y, box.w, box.h].every(Number.isFinite)) return undefined;
  const x1 = Math.max(0, Math.min(width, box.x));
  const y1 = Math.max(0, Math.min(height, box.y));
  const x2 = Math.max(0, Math.min(width, box.x + box.w));
  const y2 = Math.max(0, Math.min(height, box.y + box.h));
  let w = x2 - x1;
  let h = y2 - y1;
  // x1 + (x2 − x1) can round one ulp past x2; shave that ulp off.
  if (x1 + w > width) w = width - x1;
  if (y1 + h > height) h = height - y1;
  const clamped = { x: x1, y: y1, w, h };
  return isUsableBox(clamped, width, height) ? clamped : undefined;
}
