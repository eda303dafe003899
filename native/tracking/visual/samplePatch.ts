import type { CentredBox, GrayImage } from './grayImage';

/**
 * Resamples the region `region` of the frame into an n×n patch (bilinear;
 * pixels outside the frame repeat the border). The tracker always works on
 * a fixed-size patch, so its cost does not depend on the frame size or the
 * object's size, and a scale change is just a different region.
 */
export function samplePatch(image: GrayImage, region: CentredBox, n: number, out: Float32Array): Float32Array {
  const { width, height, pixels } = image;
  const stepX = region.w / n;
  const stepY = region.h / n;
  const x0 = region.cx - region.w / 2 + stepX / 2;
  const y0 = region.cy - region.h / 2 + stepY / 2;
  const maxX = width - 1;
  const maxY = height - 1;
  for (let j = 0; j < n; j++) {
    let y = y0 + j * stepY;
    y = y < 0 ? 0 : y > maxY ? maxY : y;
    const yi = Math.min(Math.floor(y), maxY - 1 < 0 ? 0 : maxY - 1);
    const fy = y - yi;
    const row0 = yi * width;
    const row1 = Math.min(yi + 1, maxY) * width;
    for (let i = 0; i < n; i++) {
      let x = x0 + i * stepX;
      x = x < 0 ? 0 : x > maxX ? maxX : x;
      const xi = Math.min(Math.floor(x), maxX - 1 < 0 ? 0 : maxX - 1);
      const fx = x - xi;
      const x1 = Math.min(xi + 1, maxX);
      const top = pixels[row0 + xi]! + (pixels[row0 + x1]! - pixels[row0 + xi]!) * fx;
      const bottom = pixels[row1 + xi]! + (pixels[row1 + x1]! - pixels[row1 + xi]!) * fx;
      out[j * n + i] = top + (bottom - top) * fy;
    }
  }
  return out;
}

/** Hann window over n×n: tapers the patch edges so the FFT's wrap-around does not dominate the correlation. */
export function hannWindow(n: number): Float32Array {
  const w = new Float32Array(n * n);
  for (let j = 0; j < n; j++) {
    const wy = 0.5 - 0.5 * Math.cos((2 * Math.PI * j) / (n - 1));
    for (let i = 0; i < n; i++) w[j * n + i] = wy * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)));
  }
  return w;
}

/**
 * MOSSE's preprocessing (Bolme et al. 2010): log of the intensities (lessens
 * lighting contrast), zero mean, unit norm, then the window. In place.
 */
export function normalizePatch(patch: Float32Array, window: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < patch.length; i++) {
    const v = Math.log(patch[i]! + 1);
    patch[i] = v;
    sum += v;
  }
  const mean = sum / patch.length;
  let squares = 0;
  for (let i = 0; i < patch.length; i++) {
    const v = patch[i]! - mean;
    patch[i] = v;
    squares += v * v;
  }
  const scale = 1 / (Math.sqrt(squares) + 1e-5);
  for (let i = 0; i < patch.length; i++) patch[i] = patch[i]! * scale * window[i]!;
  return patch;
}
