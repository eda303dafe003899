import type { Box } from '../../../core/model/shape';

/** "x,y,w,h" with at most two decimals (interpolated boxes are fractional), as the status line shows it. */
export function formatBox(box: Box): string {
  return [box.x, box.y, box.w, box.h].map((v) => String(Math.round(v * 100) / 100)).join(',');
}
