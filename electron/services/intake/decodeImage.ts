import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { dHashOf } from './dHash';
import { isVisiblyTruncated, sniffImageFormat } from './imageSignature';

export type DecodeOutcome =
  | { ok: true; width: number; height: number; sha256: string; phash: string; bytes: number }
  | { ok: false; reason: string };

/**
 * Decodes one file's bytes fully, once: sharp with failOn 'truncated' reads
 * every byte of the image data to produce the 9×8 thumbnail, so truncated
 * files fail here instead of showing a grey half in the labeling view.
 * Width and height are as displayed (EXIF orientation applied), like the browser.
 */
export async function decodeImage(data: Uint8Array): Promise<DecodeOutcome> {
  if (data.length === 0) return { ok: false, reason: 'empty file (0 bytes)' };
  const sha256 = createHash('sha256').update(data).digest('hex');
  try {
    const image = sharp(data, { failOn: 'truncated' });
    const meta = await image.metadata();
    const thumb = await image.clone().autoOrient().greyscale().resize(9, 8, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
    const width = meta.autoOrient?.width ?? meta.width;
    const height = meta.autoOrient?.height ?? meta.height;
    if (!width || !height) return { ok: false, reason: 'the image has no width or height' };
    return { ok: true, width, height, sha256, phash: dHashOf(thumb.data.subarray(0, 72)), bytes: data.length };
  } catch (error) {
    return { ok: false, reason: reasonFor(data, error) };
  }
}

/**
 * Turns a failure into something an annotator understands. The bytes decide
 * the category (the decoder's message is not reliable under concurrency);
 * the decoder's own words follow in brackets when they say something.
 */
function reasonFor(data: Uint8Array, error: unknown): string {
  const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
  const suffix = detail && !/^unknown error$/i.test(detail) ? ` (${detail})` : '';
  const format = sniffImageFormat(data);
  if (!format) return 'not an image: the content is not JPEG, PNG or WebP data';
  if (isVisiblyTruncated(data, format)) return `truncated: the ${format.toUpperCase()} data ends before the image is complete${suffix}`;
  return `damaged: the ${format.toUpperCase()} data cannot be decoded${suffix}`;
}
