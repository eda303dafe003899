import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import type { S3MediaSettings } from '../config';
import type { MediaStore } from './mediaStore';
import { openS3MediaStore } from './s3MediaStore';
import { verifySigV4, type SigV4Account, type SigV4Refusal } from './sigV4Verifier';

/** s3rver's own account (its only credentials). */
const ACCESS_KEY_ID = 'S3RVER';
const SECRET_ACCESS_KEY = 'S3RVER';
const REGION = 'us-east-1';
/** What the gate verifies signatures with: the same account, the one region. */
const ACCOUNT: SigV4Account = { secrets: { [ACCESS_KEY_ID]: SECRET_ACCESS_KEY }, region: REGION };

/** S3's error document (the SDK reads Code and Message from it). */
function errorXml({ code, message }: SigV4Refusal): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escape(message)}</Message></Error>`;
}

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
 * What is s3rver (real S3 protocol): every object operation, multipart,
 * CopyObject, Range, a presigned URL's expiry, that the access key id
 * exists, the signing algorithm.
 *
 * What is the gate in front of it (sigV4Verifier.ts): s3rver 3.7 never
 * checks a SigV4 signature ("Signature version 4 calculation is
 * unimplemented" in its middleware/authentication.js) and serves unsigned
 * requests; real S3 refuses both. The gate refuses unsigned requests and
 * verifies the signature of EVERY request, header-signed (the hub's own
 * PUT/Copy/Head/Delete/Get) and presigned (the URLs it hands out), taking
 * the credential scope, SignedHeaders, x-amz-date and x-amz-content-sha256
 * from the request and recomputing with the AWS SDK's own signer and this
 * account's secret. A wrong secret, region or clock (±15 min), an edited URL
 * or a canonicalisation bug is refused with S3's status and error XML
 * (403 SignatureDoesNotMatch …). Not checked, as S3 would: a hex
 * x-amz-content-sha256 against the body, and the chunk signatures of a
 * STREAMING-AWS4-HMAC-SHA256-PAYLOAD body (its seed signature is checked).
 */
export async function startTestS3Server(bucket = 'groundwork-media'): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 's3rver-'));
  const s3rver = new S3rver({ directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
  await s3rver.configureBuckets();
  const handle = s3rver.callback();
  const seen: SeenRequest[] = [];
  let endpoint = '';

  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers });
    void verifySigV4({ method: req.method!, url: req.url!, headers: req.headers }, ACCOUNT).then(
      (refusal) => {
        if (!refusal) return handle(req, res);
        req.resume(); // a refused upload's body is read and dropped, so the client sees the 403, not a reset
        res.writeHead(refusal.status, { 'content-type': 'application/xml' }).end(errorXml(refusal));
      },
      (e: unknown) => res.writeHead(500).end(String(e)),
    );
  });

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
