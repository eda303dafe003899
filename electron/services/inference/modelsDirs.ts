import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The models folder shipped with the code: the nearest `models/` beside a
 * package.json above this file. Walking up (instead of a fixed '../..')
 * finds it both from the sources (tsx, vitest) and from the bundled
 * out/main/index.js. A packaged app passes process.resourcesPath/models
 * instead, since model files cannot be loaded from inside an asar archive.
 */
export function findBundledModelsDir(from: string = path.dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'models'))) return path.join(dir, 'models');
    if (path.dirname(dir) === dir) return null;
  }
}

/** Where the engine looks for manifests: the shipped models first, then the user's own in `<dataDir>/models`. */
export function modelsDirsFor(dataDir: string, bundledDir: string | null = findBundledModelsDir()): string[] {
  return [...(bundledDir ? [bundledDir] : []), path.join(dataDir, 'models')];
}
