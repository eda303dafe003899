import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/**
 * sha256 of a file, remembered by path + mtime + size: listing models runs on
 * every model-picker open, and hashing a 10 MB model each time would make it
 * slow. A changed file (new mtime or size) is hashed again.
 */
const cache = new Map<string, { mtimeMs: number; size: number; sha256: string }>();

export async function sha256OfFile(filePath: string): Promise<string> {
  const info = await stat(filePath);
  const cached = cache.get(filePath);
  if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.sha256;
  const sha256 = await hashStream(filePath);
  cache.set(filePath, { mtimeMs: info.mtimeMs, size: info.size, sha256 });
  return sha256;
}

function hashStream(filePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(filePath)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
