import sharp from 'sharp';
import { detNormalization, writeBgrPlanes } from './bgrTensor';
import type { RgbImage } from './types';

/**
 * PaddleOCR's DetResizeForTest with limit_type "max": shrink (never enlarge)
 * so the longer side is at most `limitSideLen`, then round each side to a
 * multiple of 32, the DB backbone's stride. PaddleOCR rounds to nearest,
 * which can overshoot the limit when it is not a multiple of 32; here a side
 * that would overshoot is rounded down instead.
 */
export function detInputSize(width: number, height: number, limitSideLen: number): { width: number; height: number } {
  const ratio = Math.max(width, height) > limitSideLen ? limitSideLen / Math.max(width, height) : 1;
  const snap = (side: number): number => {
    let s = Math.max(32, Math.round((side * ratio) / 32) * 32);
    if (s > limitSideLen && s > 32) s -= 32;
    return s;
  };
  return { width: snap(width), height: snap(height) };
}

export async function preprocessForDet(image: RgbImage, limitSideLen: number): Promise<{ tensor: Float32Array; width: number; height: number }> {
  const size = detInputSize(image.width, image.height, limitSideLen);
  const resized = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(size.width, size.height, { fit: 'fill' })
    .raw()
    .toBuffer();
  return { tensor: writeBgrPlanes(resized, size.width, size.height, detNormalization), ...size };
}
