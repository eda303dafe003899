import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Real photographs that ship inside node_modules (no fixtures of our own in
 * the repository): apg-js's guide carries a 1600×250 panorama of Point Lobos
 * (trees, surf, rocks) and a 576×125 photo of packed ice.
 */
function guideImage(file: string): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('apg-js/package.json')), 'dist', 'guide', 'images', file);
}

export const REAL_PHOTOS = {
  pointLobos: () => guideImage('PointLobosCropped.jpg'),
  ice: () => guideImage('horiz.jpg'),
};
