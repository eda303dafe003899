import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** sha256 of a file read as a stream: videos can be gigabytes and must not be held in memory whole. */
export function sha256OfFile(filePath: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(filePath, { signal })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
