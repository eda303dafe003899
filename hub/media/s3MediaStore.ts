import { randomUUID } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3MediaSettings } from '../config';
import { MediaHashMismatch, MediaTooLarge } from './mediaErrors';
import type { MediaStore } from './mediaStore';
import { uploadMeter } from './uploadMeter';

/** Where content lives and where uploads wait for their hash check (a lifecycle rule may expire `uploads/`: media/README.md). */
export const CONTENT_PREFIX = 'media/';
export const UPLOAD_PREFIX = 'uploads/';
/** The largest object one CopyObject may copy: the most one upload may be on this store. */
export const S3_COPY_LIMIT = 5 * 1024 ** 3;

const contentKey = (sha256: string) => `${CONTENT_PREFIX}${sha256}`;

function clientConfig(settings: S3MediaSettings, endpoint: string | undefined): S3ClientConfig {
  return {
    region: settings.region,
    endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
    // The hub hashes every byte itself; SDK checksums (aws-chunked trailers) are what many S3-compatible servers do not speak.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

/**
 * Media in an S3-compatible bucket, shared by every hub replica that points
 * at it. An upload goes to a random key under `uploads/` while it is hashed
 * (multipart for large videos), and is copied to `media/<sha256>` only if it
 * hashes to the claimed sha256; the upload key is deleted either way. So a
 * content key only ever holds its own bytes, however an upload ends.
 */
export function openS3MediaStore(settings: S3MediaSettings): MediaStore {
  const s3 = new S3Client(clientConfig(settings, settings.endpoint));
  // Presigned URLs are signed for the host annotators will send them to.
  const presigner = settings.publicEndpoint ? new S3Client(clientConfig(settings, settings.publicEndpoint)) : s3;
  const Bucket = settings.bucket;

  async function size(sha256: string): Promise<number | null> {
    try {
      return (await s3.send(new HeadObjectCommand({ Bucket, Key: contentKey(sha256) }))).ContentLength ?? null;
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async function put(sha256: string, body: Readable, maxBytes: number): Promise<{ size: number; created: boolean }> {
    if (maxBytes > S3_COPY_LIMIT) throw new Error(`media limit ${maxBytes} is past what one S3 CopyObject copies (${S3_COPY_LIMIT} bytes)`);
    const uploadKey = `${UPLOAD_PREFIX}${randomUUID()}`;
    const meter = uploadMeter(maxBytes);
    // The request body feeds the meter; a meter error (too large) or a cut request destroys both and fails the upload.
    const fed = pipeline(body, meter.stream);
    const upload = new Upload({
      client: s3,
      params: { Bucket, Key: uploadKey, Body: meter.stream, ContentType: 'application/octet-stream' },
      // At most queueSize × partSize of one upload in memory.
      queueSize: 2,
      partSize: 8 * 1024 * 1024,
      leavePartsOnError: false,
    });
    try {
      const stored = upload.done().catch((e: unknown) => {
        // The store refused: stop reading the request too (else the meter waits on a reader that is gone).
        meter.stream.destroy(e as Error);
        throw e;
      });
      const [fedResult, storedResult] = await Promise.allSettled([fed, stored]);
      // The meter's own refusal (too large) first: the store only saw the stream break.
      if (fedResult.status === 'rejected' && fedResult.reason instanceof MediaTooLarge) throw fedResult.reason;
      if (storedResult.status === 'rejected') throw storedResult.reason;
      if (fedResult.status === 'rejected') throw fedResult.reason;
      const actual = meter.sha256();
      if (actual !== sha256) throw new MediaHashMismatch(actual);
      if ((await size(sha256)) !== null) return { size: meter.size(), created: false };
      await s3.send(new CopyObjectCommand({ Bucket, Key: contentKey(sha256), CopySource: `${Bucket}/${uploadKey}`, ContentType: 'application/octet-stream', MetadataDirective: 'REPLACE' }));
      return { size: meter.size(), created: true };
    } finally {
      // Deleting an absent key succeeds: a refused single-part upload never wrote one.
      await s3.send(new DeleteObjectCommand({ Bucket, Key: uploadKey })).catch(() => undefined);
    }
  }

  function read(sha256: string, range?: { start: number; end: number }): Readable {
    const out = new PassThrough();
    s3.send(new GetObjectCommand({ Bucket, Key: contentKey(sha256), Range: range ? `bytes=${range.start}-${range.end}` : undefined }))
      .then((res) => pipeline(res.Body as Readable, out))
      .catch((e: unknown) => out.destroy(e as Error));
    return out;
  }

  return {
    size,
    put,
    read,
    downloadUrl: async (sha256) => (settings.delivery === 'redirect' ? getSignedUrl(presigner, new GetObjectCommand({ Bucket, Key: contentKey(sha256) }), { expiresIn: settings.presignSeconds }) : null),
    async close() {
      s3.destroy();
      if (presigner !== s3) presigner.destroy();
    },
  };
}
