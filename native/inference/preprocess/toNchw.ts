import type { ModelManifest } from '../types';

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
export function toNchw(data: Uint8Array, width: number, height: number, normalization: ModelManifest['normalization']): Float32Array {
  const plane = width * height;
  if (data.length !== plane * 3) throw new Error(`expected ${plane * 3} bytes of RGB for ${width}×${height}, got ${data.length}`);
  const { scale, mean, std, channelOrder } = normalization;
  const source = channelOrder === 'bgr' ? [2, 1, 0] : [0, 1, 2];
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const table = new Float32Array(256);
    for (let v = 0; v < 256; v++) table[v] = (v * scale - mean[c]!) / std[c]!;
    const offset = c * plane;
    const from = source[c]!;
    for (let i = 0, j = from; i < plane; i++, j += 3) out[offset + i] = table[data[j]!]!;
  }
  return out;
}
