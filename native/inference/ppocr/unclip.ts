import type { RotatedRect } from './rotatedRect';

/**
 * Grows a detected text kernel back to the full text region. DB trains on
 * ground-truth polygons shrunk by d = area·(1 − r²)/perimeter, and PaddleOCR
 * grows them back by d = area·unclipRatio/perimeter with a round-join polygon
 * offset (pyclipper). For a rectangle, the minimum-area rectangle of that
 * rounded offset is exactly the rectangle grown by d on every side, so no
 * polygon-clipping library is needed.
 */
export function unclipRect(rect: RotatedRect, unclipRatio: number): RotatedRect {
  const area = rect.w * rect.h;
  const perimeter = 2 * (rect.w + rect.h);
  const d = perimeter > 0 ? (area * unclipRatio) / perimeter : 0;
  return { ...rect, w: rect.w + 2 * d, h: rect.h + 2 * d };
}
