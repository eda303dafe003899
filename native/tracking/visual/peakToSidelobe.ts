/** The highest value of an n×n response, where it is, and the peak-to-sidelobe ratio around it. */
export interface ResponsePeak {
  x: number;
  y: number;
  value: number;
  /** (peak − mean of the sidelobe) / its standard deviation; Bolme et al. report 20–60 on a tracked object, < 7 when it is lost. */
  psr: number;
}

/**
 * Peak and PSR of a correlation response. The sidelobe is everything outside
 * a (2·exclude+1)² square around the peak (with wrap-around, as the FFT's
 * response is periodic). x/y are refined to sub-cell precision with a
 * parabola through the peak and its neighbours.
 */
export function peakToSidelobe(response: Float32Array, n: number, exclude: number): ResponsePeak {
  let best = 0;
  for (let i = 1; i < response.length; i++) if (response[i]! > response[best]!) best = i;
  const px = best % n;
  const py = (best - px) / n;
  const value = response[best]!;
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let j = 0; j < n; j++) {
    const dy = Math.min(Math.abs(j - py), n - Math.abs(j - py));
    for (let i = 0; i < n; i++) {
      const dx = Math.min(Math.abs(i - px), n - Math.abs(i - px));
      if (dx <= exclude && dy <= exclude) continue;
      const v = response[j * n + i]!;
      sum += v;
      squares += v * v;
      count++;
    }
  }
  const mean = sum / count;
  const std = Math.sqrt(Math.max(0, squares / count - mean * mean));
  const at = (x: number, y: number) => response[((y + n) % n) * n + ((x + n) % n)]!;
  return { x: px + subCell(at(px - 1, py), value, at(px + 1, py)), y: py + subCell(at(px, py - 1), value, at(px, py + 1)), value, psr: (value - mean) / (std + 1e-9) };
}

function subCell(left: number, centre: number, right: number): number {
  const denominator = left - 2 * centre + right;
  if (denominator >= 0) return 0;
  return Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / denominator));
}
