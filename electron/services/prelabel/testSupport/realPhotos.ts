// Real photographs for host and CLI tests: JPEGs shipped inside an npm
// dependency (apg-js's guide), so every clone has them and nothing is drawn.
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const photoDir = path.join(repoRoot, 'node_modules/apg-js/dist/guide/images');

/** name → width × height as stored (no EXIF rotation in these files). */
export const REAL_PHOTOS = {
  'PointLobosCropped.jpg': { width: 1600, height: 250 },
  'horiz.jpg': { width: 576, height: 125 },
  'headerphoto.jpg': { width: 820, height: 120 },
} as const;

export type RealPhotoName = keyof typeof REAL_PHOTOS;

export const realPhotoPath = (name: RealPhotoName) => path.join(photoDir, name);

/** Copies the photos into `dir` (under their own names) and returns those names. */
export async function copyRealPhotos(dir: string): Promise<RealPhotoName[]> {
  const names = Object.keys(REAL_PHOTOS) as RealPhotoName[];
  for (const name of names) await copyFile(realPhotoPath(name), path.join(dir, name));
  return names;
}
