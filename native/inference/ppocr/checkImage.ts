import type { RgbImage } from './types';

/** Rejects an image whose buffer does not hold width × height RGB pixels, before any native code sees it. */
export function checkRgbImage(image: RgbImage): void {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`Image size must be positive integers, got ${width}×${height}`);
  }
  if (data.length !== width * height * 3) {
    throw new Error(`Image buffer has ${data.length} bytes; a ${width}×${height} raw RGB image needs ${width * height * 3}`);
  }
}
