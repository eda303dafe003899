import { createHash, randomBytes } from 'node:crypto';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it, describe } from 'vitest';
import { CONTENT_PREFIX } from './media/s3MediaStore';
import { startTestS3Server, type TestS3Server } from './media/testS3Server';
import type { RunningHub } from './startHub';
import { call, signIn, startTestHub } from './testKit';

/**
 * `startHub` honours `mediaS3` (env HUB_S3_*): an upload lands in the bucket,
 * where every replica sees it — not in a local folder only this process reads.
 */
describe('startHub with mediaS3', () => {
  let s3: TestS3Server;
  let hub: RunningHub;
  const requester = Wallet.createRandom();

  beforeAll(async () => {
    s3 = await startTestS3Server();
    hub = await startTestHub({ requesters: [requester.address], operators: [], mediaS3: s3.settings() });
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await s3?.close();
  }, 180_000);

  it('stores an upload in the configured bucket', async () => {
    const bytes = randomBytes(1_000);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const token = await signIn(hub, requester);
    const put = await call<{ created: boolean }>(hub, 'PUT', `/media/${sha}`, { token, body: bytes });
    expect([put.status, put.body.created]).toEqual([201, true]);
    expect(await s3.keys()).toEqual([`${CONTENT_PREFIX}${sha}`]);
  });
});
