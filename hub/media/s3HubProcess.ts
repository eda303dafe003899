import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { startTestHub } from '../testKit';
import { CONTENT_PREFIX } from './s3MediaStore';
import { startTestS3Server, useS3Media } from './testS3Server';

/**
 * A test hub whose media is on s3rver, as a child process (`fork` with
 * `--import tsx`), for the workstation's tests: electron/ may not import
 * hub/, so they drive this over HTTP and IPC. REQUESTERS (comma-separated
 * addresses) come from the environment. Messages:
 * → `{ hubUrl, endpoint, bucket }` once listening;
 * ← `{ type: 'seen' }` → `{ seen }`: requests the store got (method, url, headers);
 * ← `{ type: 'tamper', sha256, size }` → `{ tampered }`: other bytes under a content key, behind the hub's back;
 * ← `{ type: 'stop' }`: closes everything and exits.
 * When the IPC channel closes (the test process ended or died) it closes
 * what it can within 5 s and exits: it never outlives the test run. The
 * fixture (s3HubFixture.ts) also SIGKILLs it on every exit path.
 */
/** What to close on the way out, once started. */
let closeAll: (() => Promise<void>) | null = null;

process.on('disconnect', () => {
  const grace = new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref());
  void Promise.race([closeAll?.().catch(() => undefined), grace]).finally(() => process.exit(0));
});

async function main() {
  const s3 = await startTestS3Server();
  const hub = await startTestHub({ requesters: (process.env.REQUESTERS ?? '').split(',').filter(Boolean), operators: [] });
  await useS3Media(hub, s3.settings());
  closeAll = async () => {
    await hub.close();
    await s3.close();
  };
  const settings = s3.settings();
  process.on('message', (message: { type: string; sha256?: string; size?: number }) => {
    void (async () => {
      if (message.type === 'seen') process.send!({ seen: s3.seen });
      if (message.type === 'tamper') {
        const admin = new S3Client({ region: settings.region, endpoint: settings.endpoint, forcePathStyle: true, credentials: { accessKeyId: settings.accessKeyId!, secretAccessKey: settings.secretAccessKey! } });
        await admin.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `${CONTENT_PREFIX}${message.sha256}`, Body: randomBytes(message.size!) }));
        admin.destroy();
        process.send!({ tampered: message.sha256 });
      }
      if (message.type === 'stop') {
        await closeAll!();
        process.exit(0);
      }
    })();
  });
  process.send!({ hubUrl: hub.url, endpoint: s3.endpoint, bucket: s3.bucket });
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
