import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaStore } from './mediaStore';
import { openS3MediaStore } from './s3MediaStore';
import { startTestS3Server, type TestS3Server } from './testS3Server';

/**
 * The test S3 server's gate verifies SigV4 like S3 (s3rver alone never
 * does): a request signed with a wrong secret, region or clock is refused,
 * header-signed or presigned, and so is a presigned URL whose credential
 * scope or SignedHeaders were edited. The hub's own store, signing
 * correctly, passes every operation it makes.
 */
describe('test S3 server: signatures are verified (header-signed and presigned)', () => {
  let s3: TestS3Server;
  let store: MediaStore;
  const clients: S3Client[] = [];
  const bytes = randomBytes(50_000);
  const sha = createHash('sha256').update(bytes).digest('hex');

  /** A client like the hub's, with one thing changed. */
  const client = (patch: Partial<S3ClientConfig> = {}) => {
    const c = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, maxAttempts: 1, ...patch });
    clients.push(c);
    return c;
  };
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
      return 'accepted';
    } catch (e) {
      return (e as { name: string }).name;
    }
  };

  beforeAll(async () => {
    s3 = await startTestS3Server();
    store = openS3MediaStore(s3.settings());
  }, 180_000);
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await store?.close();
    await s3?.close();
  });

  it("passes the hub store's own operations: streamed upload, copy, head, range read, delete, presigned GET", async () => {
    const before = s3.seen.length;
    expect(await store.put(sha, Readable.from([bytes.subarray(0, 20_000), bytes.subarray(20_000)]), 1_000_000)).toEqual({ size: bytes.length, created: true });
    expect(await store.size(sha)).toBe(bytes.length);
    expect(Buffer.concat(await store.read(sha, { start: 10, end: 19 }).toArray()).equals(bytes.subarray(10, 20))).toBe(true);
    const url = await store.downloadUrl(sha);
    expect((await fetch(url!)).status).toBe(200);
    // Every one of those reached s3rver signed (the gate refuses the rest), PUT, Copy and DELETE included.
    const methods = new Set(s3.seen.slice(before).map((r) => r.method));
    expect([...methods].sort()).toEqual(expect.arrayContaining(['DELETE', 'GET', 'HEAD', 'PUT']));
  });

  it('refuses a client with a wrong secret, on PUT and on GET, with SignatureDoesNotMatch', async () => {
    const wrong = client({ credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'not-the-secret' } });
    expect(await refusal(wrong.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'media/x', Body: randomBytes(1000) })))).toBe('SignatureDoesNotMatch');
    expect(await refusal(wrong.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `media/${sha}` })))).toBe('SignatureDoesNotMatch');
    expect(await s3.keys()).not.toContain('media/x');
    // The same requests with the right secret pass: the refusal is the signature's.
    const right = client();
    expect(await refusal(right.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `media/${sha}` })))).toBe('accepted');
  });

  it('refuses a wrong region and an unknown access key, as S3 does', async () => {
    expect(await refusal(client({ region: 'eu-west-1' }).send(new GetObjectCommand({ Bucket: s3.bucket, Key: `media/${sha}` })))).toBe('AuthorizationHeaderMalformed');
    expect(await refusal(client({ credentials: { accessKeyId: 'SOMEONE', secretAccessKey: 'S3RVER' } }).send(new GetObjectCommand({ Bucket: s3.bucket, Key: `media/${sha}` })))).toBe('InvalidAccessKeyId');
  });

  it('refuses a clock an hour off (RequestTimeTooSkewed) when the client does not correct itself', async () => {
    const skewed = client({ systemClockOffset: -3_600_000 });
    expect(await refusal(skewed.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `media/${sha}` })))).toBe('RequestTimeTooSkewed');
  });

  it('refuses a signed header that was changed after signing', async () => {
    const c = client();
    // The deserialize step runs after signing, just before the request is sent.
    c.middlewareStack.add((next) => async (args) => {
      (args.request as { headers: Record<string, string> }).headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
      return next(args);
    }, { step: 'deserialize', name: 'editAfterSigning' });
    expect(await refusal(c.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `media/${sha}` })))).toBe('SignatureDoesNotMatch');
  });

  it('refuses a presigned URL whose credential scope or SignedHeaders were edited, and serves it as issued', async () => {
    const issued = new URL((await store.downloadUrl(sha))!);
    expect((await fetch(issued)).status).toBe(200);
    const edited = (param: string, edit: (v: string) => string) => {
      const u = new URL(issued);
      u.searchParams.set(param, edit(u.searchParams.get(param)!));
      return fetch(u);
    };
    const scope = issued.searchParams.get('X-Amz-Credential')!;
    expect(scope).toMatch(/^S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request$/);
    // Another day in the scope: the signing key differs.
    const day = await edited('X-Amz-Credential', (v) => v.replace(/\/(\d{8})\//, (_, d: string) => `/${String(Number(d) - 1)}/`));
    expect(day.status).toBe(403);
    expect(await day.text()).toContain('SignatureDoesNotMatch');
    // Another region, another service.
    expect((await edited('X-Amz-Credential', (v) => v.replace('us-east-1', 'eu-west-1'))).status).toBeGreaterThanOrEqual(400);
    expect((await edited('X-Amz-Credential', (v) => v.replace('/s3/', '/ec2/'))).status).toBeGreaterThanOrEqual(400);
    // SignedHeaders: naming one more header (sent with the request) is another canonical request.
    const more = new URL(issued);
    more.searchParams.set('X-Amz-SignedHeaders', 'host;range');
    const withRange = await fetch(more, { headers: { range: 'bytes=0-9' } });
    expect(withRange.status).toBe(403);
    expect(await withRange.text()).toContain('SignatureDoesNotMatch');
    // …and so is one with host left out, which S3 refuses outright.
    expect((await edited('X-Amz-SignedHeaders', () => 'range')).status).toBe(403);
    // Without any signature at all.
    const bare = new URL(issued);
    for (const k of [...bare.searchParams.keys()]) if (k.startsWith('X-Amz-')) bare.searchParams.delete(k);
    expect((await fetch(bare)).status).toBe(403);
  });
});
