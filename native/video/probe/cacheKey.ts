import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { VideoError } from '../errors';

/** Identifies one version of a file without hashing its bytes: absolute path + size + mtime. */
export async function videoCacheKey(file: string): Promise<{ absolutePath: string; key: string }> {
  const absolutePath = path.resolve(file);
  let stat;
  try {
    stat = await fs.stat(absolutePath);
  } catch {
    throw new VideoError('not-found', `Video file not found: ${absolutePath}`);
  }
  if (!stat.isFile()) throw new VideoError('not-video', `Not a video file: ${absolutePath} is a folder`);
  const key = createHash('sha1').update(`${absolutePath}\0${stat.size}\0${stat.mtimeMs}`).digest('hex');
  return { absolutePath, key };
}
