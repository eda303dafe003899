import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MediaHashMismatch } from './mediaErrors';
import { uploadMeter } from './uploadMeter';

export { MediaHashMismatch, MediaTooLarge } from './mediaErrors';

/**
 * Content-addressed media: bytes kept under their sha256, never under any
 * other name. Two stores implement it: a local folder (the embedded
 * default, below) and S3-compatible object storage (s3MediaStore.ts), which
 * every replica of a hub shares. See media/README.md.
 */
export interface MediaStore {
  /**
   * Streams `body` to the store while hashing; keeps it only if it hashes to
   * `sha256`. The whole body is received and checked even when the bytes are
   * already there (`created: false`), so an upload of other bytes is refused
   * the same way whether or not the hub holds the hash: the answer to an
   * upload never tells whether someone else sent those bytes before.
   * Nothing partial or mismatched is ever visible under a content address.
   */
  put(sha256: string, body: Readable, maxBytes: number): Promise<{ size: number; created: boolean }>;
  size(sha256: string): Promise<number | null>;
  read(sha256: string, range?: { start: number; end: number }): Readable;
  /**
   * A short-lived URL a reader may fetch these bytes from directly (Range
   * included), or null: the hub streams them itself. Asked only after the
   * access check (access/mediaAccess.ts) granted the bytes.
   */
  downloadUrl(sha256: string): Promise<string | null>;
  close(): Promise<void>;
}

/** The local folder store: `<dir>/<sha256>`, written through a temp file so a failed upload leaves nothing. */
export interface LocalMediaStore extends MediaStore {
  dir: string;
}

export async function openMediaStore(dir: string): Promise<LocalMediaStore> {
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
      const meter = uploadMeter(maxBytes);
      try {
        await pipeline(body, meter.stream, createWriteStream(tmp));
        const actual = meter.sha256();
        if (actual !== sha256) throw new MediaHashMismatch(actual);
        if ((await size(sha256)) !== null) return { size: meter.size(), created: false };
        await rename(tmp, file(sha256));
        return { size: meter.size(), created: true };
      } finally {
        await rm(tmp, { force: true });
      }
    },
    read: (sha256, range) => createReadStream(file(sha256), range),
    // One process's disk: the hub is the only way to its bytes.
    downloadUrl: async () => null,
    close: async () => undefined,
  };
}
