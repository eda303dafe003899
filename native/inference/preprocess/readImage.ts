import { readFile } from 'node:fs/promises';
import sharp, { type Sharp } from 'sharp';
import { ImageDecodeError, messageOf } from '../errors';

/**
 * An image file opened for the engine: its bytes and its size as displayed
 * (EXIF orientation applied, as the browser and the intake check show it),
 * so predicted boxes land where the annotator sees the object.
 */
export interface OpenedImage {
  filePath: string;
  /** sharp pipeline on the file's bytes, already auto-oriented; clone() it per use. */
  pipeline: Sharp;
  width: number;
  height: number;
}

export async function openImage(filePath: string): Promise<OpenedImage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(filePath);
  } catch (error) {
    throw new ImageDecodeError(`cannot read image ${filePath}: ${messageOf(error)}`);
  }
  if (bytes.length === 0) throw new ImageDecodeError(`cannot decode image ${filePath}: the file is empty (0 bytes)`);
  try {
    // failOn 'truncated': a cut-off JPEG is an error, not a grey lower half.
    const pipeline = sharp(bytes, { failOn: 'truncated' }).autoOrient();
    const meta = await pipeline.metadata();
    const width = meta.autoOrient?.width ?? meta.width;
    const height = meta.autoOrient?.height ?? meta.height;
    if (!width || !height) throw new Error('the image has no width or height');
    return { filePath, pipeline, width, height };
  } catch (error) {
    throw decodeError(filePath, error);
  }
}

/** Raw 8-bit RGB of the whole image (for OCR, which resizes on its own terms). */
export async function rawRgb(image: OpenedImage): Promise<{ data: Buffer; width: number; height: number }> {
  try {
    const { data, info } = await image.pipeline.clone().removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    throw decodeError(image.filePath, error);
  }
}

export function decodeError(filePath: string, error: unknown): ImageDecodeError {
  if (error instanceof ImageDecodeError) return error;
  const reason = messageOf(error).split('\n')[0]!.trim() || 'unknown decoder error';
  return new ImageDecodeError(`cannot decode image ${filePath}: ${reason}`);
}
