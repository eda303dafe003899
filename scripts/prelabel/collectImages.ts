import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isImageFile } from '../../electron/services/media/imageTypes';

export interface CollectedImages {
  /** In the order given; a folder's images sorted by path. */
  files: string[];
  /** Arguments that are neither a file nor a folder. */
  missing: string[];
}

/**
 * Expands the command line's inputs into image files. A folder contributes
 * the image types the app reads (the same extension list), recursively,
 * skipping hidden entries; a file named explicitly is always tried, so a
 * wrong one is reported with the decoder's reason rather than silently
 * skipped. Paths keep the form the operator typed (joined for folder
 * contents), so the output names files the way they were asked for.
 */
export async function collectImages(inputs: readonly string[]): Promise<CollectedImages> {
  const files: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info) missing.push(input);
    else if (info.isDirectory()) for (const file of await imagesUnder(input)) add(file);
    else add(input);
  }
  return { files, missing };
}

async function imagesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await imagesUnder(full)));
    else if (entry.isFile() && isImageFile(entry.name)) found.push(full);
  }
  return found;
}
