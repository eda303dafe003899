import { createHash, randomBytes } from 'node:crypto';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3Server, useS3Media, type TestS3Server } from '../media/testS3Server';
import type { RunningHub } from '../startHub';
import { call, signIn, startTestHub, TEST_SCHEMA } from '../testKit';

/**
 * A presigned URL is a bearer grant the hub cannot take back: whoever holds
 * it (the account it was issued to, or anyone it was passed to) reads the
 * object until it expires. The attack: keep using a URL after losing the
 * right to the media (here an operator removed from OPERATORS, the hub
 * reconfigured in place as in removedOperatorKeepsRole). The bound is the
 * presign lifetime (HUB_S3_PRESIGN_SECONDS): after it the URL is refused by
 * the store, and the hub, asked again, answers with the 404 of an absent
 * hash and no new URL.
 */
describe('attack: a presigned media URL is used after access to the media is gone', () => {
  let s3: TestS3Server;
  let hub: RunningHub;
  const requester = Wallet.createRandom();
  const operator = Wallet.createRandom();
  const bytes = randomBytes(1000);
  const sha = createHash('sha256').update(bytes).digest('hex');
  let operatorToken: string;

  beforeAll(async () => {
    s3 = await startTestS3Server();
    hub = await startTestHub({ requesters: [requester.address], operators: [operator.address] });
    await useS3Media(hub, s3.settings({ presignSeconds: 1 }));
    const token = await signIn(hub, requester);
    operatorToken = await signIn(hub, operator);
    expect((await call(hub, 'PUT', `/media/${sha}`, { token, body: bytes })).status).toBe(201);
    const task = await call(hub, 'POST', '/tasks', { token, json: { title: 't', labelSchema: TEST_SCHEMA, redundancy: 1, rewardPerItem: '1', items: [{ sha256: sha, fileName: 'a.png', width: 8, height: 8 }] } });
    expect(task.status).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await s3?.close();
  }, 120_000);

  const ask = () => fetch(`${hub.url}/media/${sha}`, { headers: { authorization: `Bearer ${operatorToken}` }, redirect: 'manual' });

  it('works no longer than its lifetime, and the hub hands out no new one once the right is gone', async () => {
    const granted = await ask();
    expect(granted.status).toBe(302);
    const url = granted.headers.get('location')!;
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('1');

    hub.context.config = { ...hub.context.config, operators: [] };
    const refused = await ask();
    expect(refused.status).toBe(404);
    expect(refused.headers.get('location')).toBeNull();
    expect(await refused.json()).toMatchObject({ error: 'unknown_media' });

    // Past the lifetime (X-Amz-Date has whole seconds): a margin, not a timing assertion.
    await new Promise((r) => setTimeout(r, 2500));
    const late = await fetch(url);
    expect(late.status).toBe(403);
    expect(await late.text()).toMatch(/expired/i);
  });
});
