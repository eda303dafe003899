import fs from 'node:fs/promises';
import path from 'node:path';
import type { VideoProbe } from '../types';

/** Bump when the cached shape or its meaning changes; older files are then ignored and rebuilt. */
const FORMAT = 1;

type Cached = Omit<VideoProbe, 'path' | 'fromCache'>;

function fileFor(cacheDir: string, key: string): string {
  return path.join(cacheDir, 'index', `${key}.json`);
}

export async function readCachedIndex(cacheDir: string, key: string): Promise<Cached | null> {
  try {
    const parsed = JSON.parse(await fs.readFile(fileFor(cacheDir, key), 'utf8')) as { format: number; probe: Cached };
    return parsed.format === FORMAT && parsed.probe?.cacheKey === key ? parsed.probe : null;
  } catch {
    return null; // missing or damaged: rebuild
  }
}

/** Written to a temp file and renamed, so a reader never sees half an index. */
export async function writeCachedIndex(cacheDir: string, probe: VideoProbe): Promise<void> {
  const target = fileFor(cacheDir, probe.cacheKey);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const { path: _path, fromCache: _fromCache, ...cached } = probe;
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(temp, JSON.stringify({ format: FORMAT, probe: cached }));
  await fs.rename(temp, target);
}
