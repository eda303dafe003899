import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Real photographs shipped in node_modules (apg-js's guide, the same files
 * electron/services/prelabel/testSupport/realPhotos.ts uses): a 1600×250
 * Point Lobos panorama (Canon A60), a 576×125 photo of packed ice and an
 * 820×120 header photo. Cycled to `count` paths; small files, so their
 * decode is cheaper than the generated 1280×720 frames'.
 */
export function realPhotoPaths(count: number): string[] {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('apg-js/package.json')), 'dist', 'guide', 'images');
  const photos = ['PointLobosCropped.jpg', 'horiz.jpg', 'headerphoto.jpg'].map((f) => path.join(dir, f));
  return Array.from({ length: count }, (_, i) => photos[i % photos.length]!);
}
