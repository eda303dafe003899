import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import S3rver from 's3rver';
import type { S3MediaSettings } from '../config';
import type { MediaStore } from './mediaStore';
import { openS3MediaStore } from './s3MediaStore';

/** s3rver's own account (its only credentials). */
const ACCESS_KEY_ID = 'S3RVER';
const SECRET_ACCESS_KEY = 'S3RVER';
const REGION = 'us-east-1';

/** What reached the object store: to see which headers a client sent it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface TestS3Server {
  endpoint: string;
  bucket: string;
  /** Settings for a hub's store on this server (path style, as for any self-hosted server). */
  settings(patch?: Partial<S3MediaSettings>): S3MediaSettings;
  /** Every key in the bucket. */
  keys(): Promise<string[]>;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A real S3-protocol server for tests: s3rver (npm), in a temp folder, on a
 * free loopback port, with one bucket.
 *
 * s3rver 3.7 checks a presigned URL's expiry but not its SigV4 signature
 * ("Signature version 4 calculation is unimplemented" in its
 * middleware/authentication.js), and it serves requests that carry no
 * signature at all. Real S3 refuses both. So a gate in front of it (the one
 * part here that is not s3rver) refuses unsigned requests and checks every
 * presigned URL's signature by signing the same request again with the AWS
 * SDK's own presigner — without it a test of an edited URL would pass
 * against a server that never looks.
 */
export async function startTestS3Server(bucket = 'groundwork-media'): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 's3rver-'));
  const s3rver = new S3rver({ directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
  await s3rver.configureBuckets();
  const handle = s3rver.callback();
  const seen: SeenRequest[] = [];
  let endpoint = '';
  const presigner = () => new S3RequestPresigner({ ...new S3Client({ region: REGION, endpoint, forcePathStyle: true, credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY } }).config });

  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers });
    void gate(req.method!, req.url!, req.headers).then(
      (refusal) => {
        if (!refusal) return handle(req, res);
        res.writeHead(403, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${refusal}</Code></Error>`);
      },
      (e: unknown) => res.writeHead(500).end(String(e)),
    );
  });

  /** null: pass to s3rver; else the S3 error code of the refusal. */
  async function gate(method: string, url: string, headers: IncomingHttpHeaders): Promise<string | null> {
    const parsed = new URL(url, endpoint);
    const query = Object.fromEntries(parsed.searchParams);
    if (headers.authorization) return null; // header-signed (the hub's own client): s3rver's account check applies
    if (!query['X-Amz-Signature']) return 'AccessDenied';
    const { 'X-Amz-Signature': given, 'X-Amz-Algorithm': _a, 'X-Amz-Credential': _c, 'X-Amz-Date': date, 'X-Amz-Expires': expires, 'X-Amz-SignedHeaders': _s, ...rest } = query;
    const signingDate = new Date(date!.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
    const again = await presigner().presign(
      { method, protocol: 'http:', hostname: parsed.hostname, port: Number(parsed.port), path: decodeURIComponent(parsed.pathname), query: rest, headers: { host: headers.host! } } as never,
      { signingDate, expiresIn: Number(expires) },
    );
    return again.query?.['X-Amz-Signature'] === given ? null : 'SignatureDoesNotMatch';
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = new S3Client({ region: REGION, endpoint, forcePathStyle: true, credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY } });

  return {
    endpoint,
    bucket,
    seen,
    settings: (patch = {}) => ({ bucket, region: REGION, endpoint, accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY, forcePathStyle: true, presignSeconds: 60, delivery: 'redirect', ...patch }),
    async keys() {
      const res = await admin.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (res.Contents ?? []).map((o) => o.Key!).sort();
    },
    async close() {
      admin.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * Points a running test hub at object storage. startHub opens the store
 * from its config (openConfiguredMediaStore); the test kit's hubs are
 * started before the S3 server's settings exist, so the store is swapped in
 * — the routes read `context.media` on every request.
 */
export async function useS3Media(hub: { context: { media: MediaStore } }, settings: S3MediaSettings): Promise<MediaStore> {
  await hub.context.media.close();
  hub.context.media = openS3MediaStore(settings);
  return hub.context.media;
}
