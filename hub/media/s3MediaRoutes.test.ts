import { createHash, randomBytes } from 'node:crypto';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnPostgres } from '../db/testPostgres';
import type { RunningHub } from '../startHub';
import { call, signIn, startTestHub, TEST_SCHEMA } from '../testKit';
import { CONTENT_PREFIX } from './s3MediaStore';
import { startTestS3Server, useS3Media, type TestS3Server } from './testS3Server';

/**
 * Two hub processes' worth of hubs on one PostgreSQL database and one
 * bucket (what replicas are): media uploaded through one is downloadable
 * through the other, by a presigned redirect; the access rules are the
 * database's, unchanged; `created` stays "new for this requester".
 */
describeOnPostgres('media on object storage shared by two hubs', (databaseUrl) => {
  let s3: TestS3Server;
  const hubs: RunningHub[] = [];
  const requester = Wallet.createRandom();
  const annotator = Wallet.createRandom();
  const stranger = Wallet.createRandom();
  const token = { requester: ['', ''], annotator: ['', ''], stranger: ['', ''] };
  const bytes = randomBytes(200_000);
  const sha = createHash('sha256').update(bytes).digest('hex');

  beforeAll(async () => {
    s3 = await startTestS3Server();
    // One after the other: the first migrates the shared database.
    for (let i = 0; i < 2; i++) {
      const hub = await startTestHub({ databaseUrl: databaseUrl(), requesters: [requester.address], operators: [] });
      await useS3Media(hub, s3.settings());
      hubs.push(hub);
      token.requester[i] = await signIn(hub, requester);
      token.annotator[i] = await signIn(hub, annotator);
      token.stranger[i] = await signIn(hub, stranger);
    }
  }, 180_000);
  afterAll(async () => {
    for (const hub of hubs) await hub.close();
    await s3?.close();
  }, 120_000);

  it('takes an upload through hub A into media/<sha256>; the same bytes through hub B are not new for this requester', async () => {
    const put = await call<{ created: boolean; size: number }>(hubs[0]!, 'PUT', `/media/${sha}`, { token: token.requester[0], body: bytes });
    expect([put.status, put.body.created, put.body.size]).toEqual([201, true, bytes.length]);
    expect(await s3.keys()).toEqual([`${CONTENT_PREFIX}${sha}`]);
    const again = await call<{ created: boolean }>(hubs[1]!, 'PUT', `/media/${sha}`, { token: token.requester[1], body: bytes });
    expect([again.status, again.body.created]).toEqual([200, false]);
    const wrong = await call<{ error: string }>(hubs[1]!, 'PUT', `/media/${sha}`, { token: token.requester[1], body: randomBytes(100) });
    expect([wrong.status, wrong.body.error]).toEqual([400, 'media_hash_mismatch']);
    expect(await s3.keys()).toEqual([`${CONTENT_PREFIX}${sha}`]);
  });

  it('an annotator assigned the item through hub A downloads it through hub B: a presigned redirect, bytes and ranges from the store', async () => {
    const task = await call<{ taskId: string }>(hubs[0]!, 'POST', '/tasks', {
      token: token.requester[0],
      json: { title: 'shared media', labelSchema: TEST_SCHEMA, redundancy: 1, rewardPerItem: '1', items: [{ sha256: sha, fileName: 'a.png', width: 8, height: 8 }] },
    });
    expect(task.status).toBe(201);
    const work = await call<{ items: { sha256: string }[] }>(hubs[0]!, 'POST', `/tasks/${task.body.taskId}/assignments`, { token: token.annotator[0], json: { count: 1 } });
    expect(work.body.items.map((i) => i.sha256)).toEqual([sha]);

    const answer = await fetch(`${hubs[1]!.url}/media/${sha}`, { headers: { authorization: `Bearer ${token.annotator[1]}` }, redirect: 'manual' });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const url = answer.headers.get('location')!;
    expect(url.startsWith(`${s3.endpoint}/${s3.bucket}/${CONTENT_PREFIX}${sha}?`)).toBe(true);
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(bytes)).toBe(true);
    const tail = await fetch(url, { headers: { range: `bytes=${bytes.length - 10}-` } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 10))).toBe(true);
  });

  it('an account with no right to the item gets the 404 of an absent hash from either hub, never a URL', async () => {
    for (const hub of [0, 1]) {
      const res = await fetch(`${hubs[hub]!.url}/media/${sha}`, { headers: { authorization: `Bearer ${token.stranger[hub]}` }, redirect: 'manual' });
      expect(res.status).toBe(404);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.json()).toEqual({ error: 'unknown_media', message: `no media ${sha} on this hub` });
    }
  });

  it('in stream delivery, hub B streams the bytes and ranges itself', async () => {
    await useS3Media(hubs[1]!, s3.settings({ delivery: 'stream' }));
    const whole = await fetch(`${hubs[1]!.url}/media/${sha}`, { headers: { authorization: `Bearer ${token.annotator[1]}` }, redirect: 'manual' });
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await fetch(`${hubs[1]!.url}/media/${sha}`, { headers: { authorization: `Bearer ${token.annotator[1]}`, range: 'bytes=10-19' }, redirect: 'manual' });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(10, 20))).toBe(true);
  });
});
