import type { ModelManifest } from '../types';
import { decodeError, imageSize, type OpenedImage } from './readImage';
import { toNchw } from './toNchw';

/** How an image was fitted into the model input: original = (input - pad) / scale. */
export interface LetterboxTransform {
  scale: number;
  padX: number;
  padY: number;
  /** Original image size, for clamping mapped-back boxes. */
  imageWidth: number;
  imageHeight: number;
}

export interface LetterboxedImage {
  /** Raw 8-bit RGB, HWC, exactly width × height × 3 bytes. */
  data: Buffer;
  width: number;
  height: number;
  transform: LetterboxTransform;
}

/** Ultralytics' padding grey. */
const PAD = { r: 114, g: 114, b: 114 };

/**
 * The geometry of sharp's fit 'contain' (scale to fit, round, centre, odd
 * pixel of padding to the right/bottom), which is also Ultralytics' letterbox.
 * letterbox.test.ts checks it against what sharp actually draws.
 */
export function containTransform(imageWidth: number, imageHeight: number, width: number, height: number): LetterboxTransform {
  const scale = Math.min(width / imageWidth, height / imageHeight);
  const resizedW = Math.max(1, Math.round(imageWidth * scale));
  const resizedH = Math.max(1, Math.round(imageHeight * scale));
  return { scale, padX: Math.floor((width - resizedW) / 2), padY: Math.floor((height - resizedH) / 2), imageWidth, imageHeight };
}

/**
 * Resizes keeping the aspect ratio and pads evenly to the model size. The
 * resize and the size lookup are two independent single libvips calls run
 * side by side (see readImage.ts for why that matters).
 */
export async function letterbox(image: OpenedImage, width: number, height: number): Promise<LetterboxedImage> {
  const pixels = image.pipeline
    .clone()
    .resize(width, height, { fit: 'contain', position: 'centre', background: PAD })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const [size, { data, info }] = await Promise.all([imageSize(image), pixels.catch(async (error: unknown) => Promise.reject(await decodeError(image, error)))]);
  if (info.width !== width || info.height !== height || info.channels !== 3) {
    throw await decodeError(image, new Error(`letterbox produced ${info.width}×${info.height}×${info.channels}, expected ${width}×${height}×3`));
  }
  return { data, width, height, transform: containTransform(size.width, size.height, width, height) };
}

/**
 * The model's input tensor data for a letterboxed image. The top and bottom
 * padding rows (sharp's embed writes exactly the pad grey there; the test
 * checks it) are filled rather than converted: this loop runs on the
 * worker's thread between two runs, so every row skipped shortens the serial
 * part of the pipeline.
 */
export function letterboxTensor(boxed: LetterboxedImage, normalization: ModelManifest['normalization']): Float32Array {
  const { transform, width, height } = boxed;
  const rows = imageRows(transform, height);
  const padded = rows.end - rows.start < height;
  return toNchw(boxed.data, width, height, normalization, padded ? { top: rows.start, bottom: height - rows.end, value: PAD.r } : undefined);
}

/** The input rows [start, end) the image covers; the rest is top/bottom padding (fit 'contain' pads either rows or columns). */
export function imageRows(t: LetterboxTransform, height: number): { start: number; end: number } {
  const resizedH = Math.max(1, Math.round(t.imageHeight * t.scale));
  return { start: t.padY, end: Math.min(height, t.padY + resizedH) };
}
