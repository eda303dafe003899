import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { MediaError } from './mediaErrors';
import { imageMimeOf, MAX_IMAGE_BYTES } from './imageTypes';
import { videoMimeOf } from './videoTypes';

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

export type MediaKind = 'image' | 'video';

const TYPE_CHECKS: Record<MediaKind, { mimeOf(file: string): string | null; code: 'not-an-image' | 'not-a-video'; refusal: string; linkRefusal: string }> = {
  image: { mimeOf: imageMimeOf, code: 'not-an-image', refusal: 'is not a JPEG, PNG or WebP image', linkRefusal: 'links to a file that is not the same image type' },
  video: { mimeOf: videoMimeOf, code: 'not-a-video', refusal: 'is not a video file (MP4, MOV, MKV, WebM, AVI, M4V)', linkRefusal: 'links to a file that is not the same video type' },
};

/**
 * The single gate every media read passes (readImage, the browser host's
 * /media route, Electron's gw-media:// protocol, the video service): the path
 * must be relative, stay inside the root lexically AND after resolving
 * symlinks, be a regular file of the kind's types, and (images, which are
 * read whole) be under the size cap. Videos are never read whole.
 * `rootRealPath` must already be a realpath (roots are stored that way).
 */
export async function resolveMediaPath(rootRealPath: string, relPath: string, kind: MediaKind = 'image'): Promise<ResolvedMedia> {
  const types = TYPE_CHECKS[kind];
  if (relPath.length === 0 || relPath.includes('\0')) throw new MediaError('invalid', 'the media path is empty or contains a NUL character');
  const segments = relPath.split(/[\\/]/);
  if (path.isAbsolute(relPath) || /^[a-zA-Z]:/.test(relPath) || segments.includes('..')) {
    throw new MediaError('forbidden', `"${relPath}" is not a path inside the media folder`);
  }
  const lexical = path.resolve(rootRealPath, ...segments);
  if (!isInside(rootRealPath, lexical)) throw new MediaError('forbidden', `"${relPath}" is not a path inside the media folder`);
  const mime = types.mimeOf(lexical);
  if (!mime) throw new MediaError(types.code, `"${relPath}" ${types.refusal}`);
  let real: string;
  try {
    real = await realpath(lexical);
  } catch {
    throw new MediaError('not-found', `"${relPath}" does not exist in the media folder`);
  }
  if (!isInside(rootRealPath, real)) throw new MediaError('forbidden', `"${relPath}" links to a file outside the media folder`);
  if (types.mimeOf(real) !== mime) throw new MediaError(types.code, `"${relPath}" ${types.linkRefusal}`);
  const info = await stat(real);
  if (!info.isFile()) throw new MediaError('not-found', `"${relPath}" is not a file`);
  if (kind === 'image' && info.size > MAX_IMAGE_BYTES) {
    throw new MediaError('too-large', `"${relPath}" is ${Math.round(info.size / 1e6)} MB; images over ${MAX_IMAGE_BYTES / 1024 / 1024} MB are refused`);
  }
  return { file: real, mime, size: info.size };
}
