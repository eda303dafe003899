import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaHashMismatch, MediaTooLarge } from './mediaErrors';
import type { MediaStore } from './mediaStore';
import { CONTENT_PREFIX, openS3MediaStore } from './s3MediaStore';
import { startTestS3Server, type TestS3Server } from './testS3Server';

const fileOf = (bytes: Buffer) => ({ bytes, sha: createHash('sha256').update(bytes).digest('hex') });
/** A body that arrives in chunks, like a request. */
const bodyOf = (bytes: Buffer, chunk = 64 * 1024) => Readable.from((function* () {
  for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
})());
const readAll = async (s: Readable) => Buffer.concat(await s.toArray());

/** The S3 media store against s3rver: content addressing, limits, presigned URLs. */
describe('S3 media store (real s3rver)', () => {
  let server: TestS3Server;
  let store: MediaStore;

  beforeAll(async () => {
    server = await startTestS3Server();
    store = openS3MediaStore(server.settings());
  }, 180_000);
  afterAll(async () => {
    await store?.close();
    await server?.close();
  });

  it('keeps bytes under media/<sha256> and reads them whole, by size and by range', async () => {
    const f = fileOf(randomBytes(300_000));
    expect(await store.size(f.sha)).toBeNull();
    expect(await store.put(f.sha, bodyOf(f.bytes), 1_000_000)).toEqual({ size: f.bytes.length, created: true });
    expect(await store.size(f.sha)).toBe(f.bytes.length);
    expect((await readAll(store.read(f.sha))).equals(f.bytes)).toBe(true);
    expect((await readAll(store.read(f.sha, { start: 1000, end: 1999 }))).equals(f.bytes.subarray(1000, 2000))).toBe(true);
    expect(await server.keys()).toContain(`${CONTENT_PREFIX}${f.sha}`);
    // The same bytes again: checked in full, kept once.
    expect(await store.put(f.sha, bodyOf(f.bytes), 1_000_000)).toEqual({ size: f.bytes.length, created: false });
    expect((await server.keys()).filter((k) => !k.startsWith(CONTENT_PREFIX))).toEqual([]);
  });

  it('refuses bytes that hash to something else, leaving no object under the content key and no upload object', async () => {
    const claimed = fileOf(randomBytes(1000));
    const before = await server.keys();
    const refusal = await store.put(claimed.sha, bodyOf(randomBytes(1000)), 1_000_000).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(MediaHashMismatch);
    expect(await store.size(claimed.sha)).toBeNull();
    expect(await server.keys()).toEqual(before);
  });

  it('refuses other bytes under a held hash the same way, and the held bytes stay', async () => {
    const held = fileOf(randomBytes(5000));
    await store.put(held.sha, bodyOf(held.bytes), 1_000_000);
    const refusal = await store.put(held.sha, bodyOf(randomBytes(5000)), 1_000_000).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(MediaHashMismatch);
    expect((await readAll(store.read(held.sha))).equals(held.bytes)).toBe(true);
  });

  it('refuses an upload past the limit without leftovers, single-part and multipart (parts already sent are aborted)', async () => {
    const before = await server.keys();
    const small = fileOf(randomBytes(200_000));
    expect(await store.put(small.sha, bodyOf(small.bytes), 100_000).catch((e: unknown) => e)).toBeInstanceOf(MediaTooLarge);
    // 20 MiB against a 12 MiB limit: the first 8 MiB part is uploaded before the limit is passed.
    const large = fileOf(randomBytes(20 * 1024 * 1024));
    const seenBefore = server.seen.length;
    expect(await store.put(large.sha, bodyOf(large.bytes, 1024 * 1024), 12 * 1024 * 1024).catch((e: unknown) => e)).toBeInstanceOf(MediaTooLarge);
    // A multipart upload was begun, and aborted (its parts are not objects, so listing keys alone would not show them).
    const during = server.seen.slice(seenBefore);
    expect(during.some((r) => r.method === 'POST' && /[?&]uploads(=|&|$)/.test(r.url))).toBe(true);
    expect(during.some((r) => r.method === 'DELETE' && /[?&]uploadId=/.test(r.url))).toBe(true);
    expect(await store.size(small.sha)).toBeNull();
    expect(await store.size(large.sha)).toBeNull();
    expect(await server.keys()).toEqual(before);
  }, 120_000);

  it('takes a large video in parts (multipart) and keeps exactly its bytes', async () => {
    const large = fileOf(randomBytes(19 * 1024 * 1024 + 17));
    expect(await store.put(large.sha, bodyOf(large.bytes, 1024 * 1024), 64 * 1024 * 1024)).toEqual({ size: large.bytes.length, created: true });
    expect(createHash('sha256').update(await readAll(store.read(large.sha))).digest('hex')).toBe(large.sha);
  }, 120_000);

  it('hands out a presigned URL that serves the bytes and ranges without any other credential', async () => {
    const f = fileOf(randomBytes(10_000));
    await store.put(f.sha, bodyOf(f.bytes), 1_000_000);
    const url = (await store.downloadUrl(f.sha))!;
    expect(url.startsWith(`${server.endpoint}/${server.bucket}/${CONTENT_PREFIX}${f.sha}?`)).toBe(true);
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(f.bytes)).toBe(true);
    const part = await fetch(url, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${f.bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(f.bytes.subarray(100, 200))).toBe(true);
  });

  it('a presigned URL stops working after its lifetime', async () => {
    const shortLived = openS3MediaStore(server.settings({ presignSeconds: 1 }));
    try {
      const f = fileOf(randomBytes(100));
      await shortLived.put(f.sha, bodyOf(f.bytes), 1000);
      const url = (await shortLived.downloadUrl(f.sha))!;
      // Past the second (X-Amz-Date has whole seconds): a margin, not a timing assertion.
      await new Promise((r) => setTimeout(r, 2500));
      const late = await fetch(url);
      expect(late.status).toBe(403);
      expect(await late.text()).toMatch(/expired/i);
    } finally {
      await shortLived.close();
    }
  });

  it('in stream delivery, hands out no URL (the hub streams the bytes)', async () => {
    const streaming = openS3MediaStore(server.settings({ delivery: 'stream' }));
    try {
      const f = fileOf(Buffer.from(`streamed ${Math.random()}`));
      await streaming.put(f.sha, bodyOf(f.bytes), 1000);
      expect(await streaming.downloadUrl(f.sha)).toBeNull();
      expect(await text(streaming.read(f.sha))).toBe(f.bytes.toString());
    } finally {
      await streaming.close();
    }
  });
});
