import sharp from 'sharp';
import type { RgbImage } from './types';

/** PP-OCRv3/v4 recognizers take 48-pixel-high lines (rec_image_shape 3,48,320). */
export const recHeight = 48;

/** Scales a text-line crop to the recognizer's height, keeping its aspect ratio. */
export async function resizeForRec(crop: RgbImage): Promise<RgbImage> {
  const width = Math.max(1, Math.ceil((recHeight * crop.width) / crop.height));
  const data = await sharp(crop.data, { raw: { width: crop.width, height: crop.height, channels: 3 } })
    .resize(width, recHeight, { fit: 'fill' })
    .raw()
    .toBuffer();
  return { data, width, height: recHeight };
}
