import { stat } from 'node:fs/promises';
import sharp, { type Sharp } from 'sharp';
import { ImageDecodeError, messageOf } from '../errors';
import type { ImageInput } from '../types';

/** A file path, or an image already in memory (see ImageInput). */
export type ImageSource = string | ImageInput;

/**
 * An image file opened for the engine. Sizes are as displayed (EXIF
 * orientation applied, as the browser and the intake check show it), so
 * predicted boxes land where the annotator sees the object.
 *
 * Every step below is ONE libvips call reading the file by path. That is
 * what lets decoding overlap inference: session.run blocks the worker's JS
 * thread, so a chain of awaits (read file → metadata → resize) advances one
 * link per gap between runs, while a single call runs start to finish on the
 * thread pool during the run (measured: 10 ms left to wait after a run for a
 * chain, 0.1 ms for a single call).
 */
export interface OpenedImage {
  /** The file's path; for an in-memory image, a description used in error messages. */
  filePath: string;
  inMemory: boolean;
  /** Auto-oriented pipeline on the file; clone() it per use. */
  pipeline: Sharp;
}

export function openImage(source: ImageSource): OpenedImage {
  // failOn 'truncated': a cut-off JPEG is an error, not a grey lower half.
  if (typeof source === 'string') return { filePath: source, inMemory: false, pipeline: sharp(source, { failOn: 'truncated' }).autoOrient() };
  if (source instanceof Uint8Array) return { filePath: `in-memory image (${source.length} bytes)`, inMemory: true, pipeline: sharp(source, { failOn: 'truncated' }).autoOrient() };
  const { data, width, height, channels } = source;
  if (data.length !== width * height * channels) throw new ImageDecodeError(`raw image has ${data.length} bytes, expected ${width}×${height}×${channels} = ${width * height * channels}`);
  return { filePath: `raw ${width}×${height} RGB image`, inMemory: true, pipeline: sharp(data, { raw: { width, height, channels } }) };
}

export async function imageSize(image: OpenedImage): Promise<{ width: number; height: number }> {
  try {
    const meta = await image.pipeline.clone().metadata();
    const width = meta.autoOrient?.width ?? meta.width;
    const height = meta.autoOrient?.height ?? meta.height;
    if (!width || !height) throw new Error('the image has no width or height');
    return { width, height };
  } catch (error) {
    throw await decodeError(image, error);
  }
}

/** Raw 8-bit RGB of the whole image (for OCR, which resizes on its own terms and crops text at full resolution). */
export async function rawRgb(image: OpenedImage): Promise<{ data: Buffer; width: number; height: number }> {
  try {
    const { data, info } = await image.pipeline.clone().removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    throw await decodeError(image, error);
  }
}

/** The decoder's complaint, or a plainer one when the file is missing or empty (sharp's words for those are cryptic). */
export async function decodeError(image: OpenedImage, error: unknown): Promise<ImageDecodeError> {
  if (error instanceof ImageDecodeError) return error;
  const { filePath } = image;
  if (image.inMemory) return new ImageDecodeError(`cannot decode ${filePath}: ${messageOf(error).split('\n')[0]!.trim() || 'unknown decoder error'}`);
  const info = await stat(filePath).catch((e: unknown) => e as NodeJS.ErrnoException);
  if (info instanceof Error) return new ImageDecodeError(`cannot read image ${filePath}: ${info.code === 'ENOENT' ? 'the file does not exist' : messageOf(info)}`);
  if (info.size === 0) return new ImageDecodeError(`cannot decode image ${filePath}: the file is empty (0 bytes)`);
  const reason = messageOf(error).split('\n')[0]!.trim() || 'unknown decoder error';
  return new ImageDecodeError(`cannot decode image ${filePath}: ${reason}`);
}
