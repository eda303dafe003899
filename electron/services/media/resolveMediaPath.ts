import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { MediaError } from './mediaErrors';
import { imageMimeOf, MAX_IMAGE_BYTES } from './imageTypes';

export interface ResolvedMedia {
  /** Real absolute path of the file, inside the root. */
  file: string;
  mime: string;
  size: number;
}

/** True when `child` is `parent` or lies below it (both absolute, normalised). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The single gate every media read passes (readImage, the browser host's
 * /media route, Electron's gw-media:// protocol): the path must be relative,
 * stay inside the root lexically AND after resolving symlinks, be a regular
 * file of an image type, and be under the size cap.
 * `rootRealPath` must already be a realpath (roots are stored that way).
 */
export async function resolveMediaPath(rootRealPath: string, relPath: string): Promise<ResolvedMedia> {
  if (relPath.length === 0 || relPath.includes('\0')) throw new MediaError('invalid', 'the media path is empty or contains a NUL character');
  const segments = relPath.split(/[\\/]/);
  if (path.isAbsolute(relPath) || /^[a-zA-Z]:/.test(relPath) || segments.includes('..')) {
    throw new MediaError('forbidden', `"${relPath}" is not a path inside the media folder`);
  }
  const lexical = path.resolve(rootRealPath, ...segments);
  if (!isInside(rootRealPath, lexical)) throw new MediaError('forbidden', `"${relPath}" is not a path inside the media folder`);
  const mime = imageMimeOf(lexical);
  if (!mime) throw new MediaError('not-an-image', `"${relPath}" is not a JPEG, PNG or WebP image`);
  let real: string;
  try {
    real = await realpath(lexical);
  } catch {
    throw new MediaError('not-found', `"${relPath}" does not exist in the media folder`);
  }
  if (!isInside(rootRealPath, real)) throw new MediaError('forbidden', `"${relPath}" links to a file outside the media folder`);
  if (imageMimeOf(real) !== mime) throw new MediaError('not-an-image', `"${relPath}" links to a file that is not the same image type`);
  const info = await stat(real);
  if (!info.isFile()) throw new MediaError('not-found', `"${relPath}" is not a file`);
  if (info.size > MAX_IMAGE_BYTES) {
    throw new MediaError('too-large', `"${relPath}" is ${Math.round(info.size / 1e6)} MB; images over ${MAX_IMAGE_BYTES / 1024 / 1024} MB are refused`);
  }
  return { file: real, mime, size: info.size };
}
