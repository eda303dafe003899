import type { Camera, Viewport } from '../../editor/types';
import { BENCH_IMAGE } from './syntheticScene';

/**
 * The pan+zoom sequence the bench animates: zoom breathes between 1× and
 * 3× the fit zoom while the view centre circles the image, so every frame
 * changes both translation and scale.
 */
export function benchCamera(tMs: number, viewport: Viewport): Camera {
  const fit = Math.min(viewport.width / BENCH_IMAGE.width, viewport.height / BENCH_IMAGE.height);
  const phase = (tMs / 5000) * Math.PI * 2;
  const zoom = fit * (2 - Math.cos(phase));
  const cx = BENCH_IMAGE.width / 2 + Math.cos(phase * 2) * BENCH_IMAGE.width * 0.2;
  const cy = BENCH_IMAGE.height / 2 + Math.sin(phase * 2) * BENCH_IMAGE.height * 0.2;
  return { x: viewport.width / 2 - cx * zoom, y: viewport.height / 2 - cy * zoom, zoom };
}
