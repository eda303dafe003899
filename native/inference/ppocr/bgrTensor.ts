/** Per-channel normalisation in the model's BGR channel order: (x·scale − mean[c]) / std[c]. */
export interface BgrNormalization {
  scale: number;
  mean: [number, number, number];
  std: [number, number, number];
}

/**
 * Writes an RGB HWC image into planar BGR float32 (NCHW) with normalisation.
 * libvips cannot emit planar float, so this one loop is unavoidable; it folds
 * the swap, the scale and mean/std into a multiply-add per value.
 *
 * `into` lets several crops share one batch tensor: the image lands at
 * `offset` in planes `planeWidth` wide (≥ width); the rest is left as is.
 */
export function writeBgrPlanes(
  rgb: Uint8Array,
  width: number,
  height: number,
  norm: BgrNormalization,
  into?: { tensor: Float32Array; offset: number; planeWidth: number },
): Float32Array {
  if (rgb.length !== width * height * 3) throw new Error(`RGB buffer has ${rgb.length} bytes, expected ${width}×${height}×3`);
  const planeWidth = into?.planeWidth ?? width;
  const plane = planeWidth * height;
  const out = into?.tensor ?? new Float32Array(3 * plane);
  const base = into?.offset ?? 0;
  for (let c = 0; c < 3; c++) {
    // BGR: output plane c reads input channel 2 − c.
    const src = 2 - c;
    const mul = norm.scale / norm.std[c]!;
    const add = -norm.mean[c]! / norm.std[c]!;
    const planeBase = base + c * plane;
    for (let y = 0; y < height; y++) {
      let j = y * width * 3 + src;
      let o = planeBase + y * planeWidth;
      for (let x = 0; x < width; x++, j += 3) out[o++] = rgb[j]! * mul + add;
    }
  }
  return out;
}

/** PP-OCR det: ImageNet statistics, listed in BGR order as PaddleOCR applies them to cv2's BGR image. */
export const detNormalization: BgrNormalization = { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

/** PP-OCR rec: (x/255 − 0.5)/0.5, i.e. [−1, 1]. */
export const recNormalization: BgrNormalization = { scale: 1 / 255, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] };
