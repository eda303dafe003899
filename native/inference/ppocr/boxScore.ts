import { probability } from './probability';
import type { RotatedRect } from './rotatedRect';

/**
 * Mean probability over the pixels whose centres fall inside the rectangle:
 * PaddleOCR's "fast" box score (the mean of the map under the filled box
 * polygon). Scoring the box rather than the component's own pixels lets a
 * ragged, half-confident region fail the box threshold.
 * The result is always in [0, 1]: see `probability`.
 */
export function boxScore(prob: Float32Array, width: number, height: number, r: RotatedRect): number {
  const hw = r.w / 2 + 1e-6;
  const hh = r.h / 2 + 1e-6;
  const ex = Math.abs(r.ux) * hw + Math.abs(r.uy) * hh;
  const ey = Math.abs(r.uy) * hw + Math.abs(r.ux) * hh;
  const x0 = Math.max(0, Math.floor(r.cx - ex));
  const x1 = Math.min(width - 1, Math.ceil(r.cx + ex));
  const y0 = Math.max(0, Math.floor(r.cy - ey));
  const y1 = Math.min(height - 1, Math.ceil(r.cy + ey));
  let sum = 0;
  let count = 0;
  for (let y = y0; y <= y1; y++) {
    const dy = y + 0.5 - r.cy;
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - r.cx;
      const u = dx * r.ux + dy * r.uy;
      const v = -dx * r.uy + dy * r.ux;
      if (Math.abs(u) <= hw && Math.abs(v) <= hh) {
        sum += probability(prob[y * width + x]!);
        count++;
      }
    }
  }
  return count > 0 ? sum / count : 0;
}
