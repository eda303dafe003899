import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { MediaTooLarge } from './mediaErrors';

/**
 * The pass-through every upload streams through, whatever store keeps it:
 * counts and hashes the bytes, and fails with MediaTooLarge the moment they
 * pass `maxBytes` (so nothing past the limit is ever written or sent on).
 */
export function uploadMeter(maxBytes: number): { stream: Transform; size(): number; sha256(): string } {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new MediaTooLarge(`media is larger than ${maxBytes} bytes`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, size: () => bytes, sha256: () => hash.digest('hex') };
}
