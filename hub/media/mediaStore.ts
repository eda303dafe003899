import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

/** Content-addressed media files: `<dir>/<sha256>`, written through a temp file so a failed upload leaves nothing. */
export interface MediaStore {
  dir: string;
  /**
   * Streams `body` to disk while hashing; keeps it only if it hashes to
   * `sha256`. The whole body is received and checked even when the file is
   * already there (`created: false`), so an upload of other bytes is refused
   * the same way whether or not the hub holds the hash: the answer to an
   * upload never tells whether someone else sent those bytes before.
   */
  put(sha256: string, body: Readable, maxBytes: number): Promise<{ size: number; created: boolean }>;
  size(sha256: string): Promise<number | null>;
  read(sha256: string, range?: { start: number; end: number }): Readable;
}

export class MediaHashMismatch extends Error {
  constructor(readonly actual: string) {
    super(`uploaded bytes hash to ${actual}`);
  }
}
export class MediaTooLarge extends Error {}

export async function openMediaStore(dir: string): Promise<MediaStore> {
  await mkdir(dir, { recursive: true });
  const file = (sha256: string) => path.join(dir, sha256);
  const size = async (sha256: string) => {
    try {
      return (await stat(file(sha256))).size;
    } catch {
      return null;
    }
  };
  return {
    dir,
    size,
    async put(sha256, body, maxBytes) {
      const tmp = path.join(dir, `.upload-${randomBytes(8).toString('hex')}`);
      const hash = createHash('sha256');
      let bytes = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          if (bytes > maxBytes) return done(new MediaTooLarge(`media is larger than ${maxBytes} bytes`));
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(body, meter, createWriteStream(tmp));
        const actual = hash.digest('hex');
        if (actual !== sha256) throw new MediaHashMismatch(actual);
        if ((await size(sha256)) !== null) return { size: bytes, created: false };
        await rename(tmp, file(sha256));
        return { size: bytes, created: true };
      } finally {
        await rm(tmp, { force: true });
      }
    },
    read: (sha256, range) => createReadStream(file(sha256), range),
  };
}
