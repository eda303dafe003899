import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { isImageFile } from '../media/imageTypes';
import { isVideoFile } from '../media/videoTypes';

/**
 * Every image (JPEG/PNG/WebP) and video (MP4, MOV, MKV, WebM, AVI, M4V)
 * under `root`, by extension, as sorted relative paths with forward slashes. Hidden files and folders are skipped; symlinked
 * folders are not followed (no loops, no escaping), symlinked files are
 * listed and later checked by the media resolver like any other read.
 */
export async function walkMedia(root: string, signal?: AbortSignal): Promise<string[]> {
  const found: string[] = [];
  async function visit(dir: string, prefix: string) {
    signal?.throwIfAborted();
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await visit(path.join(dir, entry.name), rel);
      else if ((entry.isFile() || entry.isSymbolicLink()) && (isImageFile(entry.name) || isVideoFile(entry.name))) found.push(rel);
    }
  }
  await visit(root, '');
  return found.sort(compareCodeUnits);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
