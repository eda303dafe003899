import type { ModelManifest } from '../types';

/**
 * Rows known to hold one grey value in every channel (a letterbox's top and
 * bottom padding): they are filled instead of looked up pixel by pixel, which
 * for a 16:9 image in a square input skips 44 % of the loop. The caller
 * vouches for the rows; letterboxTensor() takes them from the transform.
 */
export interface UniformRows {
  top: number;
  bottom: number;
  value: number;
}

/**
 * HWC uint8 RGB → NCHW float32, normalised per channel:
 * out[c] = (pixel * scale - mean[c]) / std[c], where channel c follows the
 * manifest's channelOrder (for 'bgr', c = 0 is blue and mean[0] applies to it).
 *
 * This is the one pixel loop we keep: libvips cannot write planar float
 * (its float output of `linear` is cast back to uchar, and three
 * extractChannel pipelines measured 2× slower than this loop). A 256-entry
 * table per channel turns the arithmetic into one lookup per value.
 */
export function toNchw(data: Uint8Array, width: number, height: number, normalization: ModelManifest['normalization'], padding?: UniformRows): Float32Array {
  const plane = width * height;
  if (data.length !== plane * 3) throw new Error(`expected ${plane * 3} bytes of RGB for ${width}×${height}, got ${data.length}`);
  const top = padding ? Math.max(0, Math.min(height, padding.top)) * width : 0;
  const bottom = padding ? Math.max(top, (height - Math.max(0, Math.min(height, padding.bottom))) * width) : plane;
  const { scale, mean, std, channelOrder } = normalization;
  const source = channelOrder === 'bgr' ? [2, 1, 0] : [0, 1, 2];
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const table = new Float32Array(256);
    for (let v = 0; v < 256; v++) table[v] = (v * scale - mean[c]!) / std[c]!;
    const offset = c * plane;
    const from = source[c]!;
    if (padding) {
      out.fill(table[padding.value]!, offset, offset + top);
      out.fill(table[padding.value]!, offset + bottom, offset + plane);
    }
    for (let i = top, j = from + top * 3; i < bottom; i++, j += 3) out[offset + i] = table[data[j]!]!;
  }
  return out;
}
