import { createHash } from 'node:crypto';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { call, signIn, startTestHub, TEST_SCHEMA } from '../testKit';

/**
 * The attack: requester B knows the hash of a file requester A uploaded (from
 * a dataset, an annotator, a guess) but not its bytes. B publishes a task
 * listing that hash as an item without uploading anything, then downloads
 * it — as B (the task's requester) or through an annotator wallet B
 * controls that is assigned the item. Stored bytes open only through items
 * whose requester uploaded them (access/mediaAccess.ts): B gets the answer
 * of an absent hash, or a redirect to the URL B gave, never A's bytes.
 */
describe("attack: a requester lists another requester's hash as an item to download the file", () => {
  let hub: RunningHub;
  const a = Wallet.createRandom();
  const b = Wallet.createRandom();
  const bAnnotator = Wallet.createRandom();
  const aAnnotator = Wallet.createRandom();
  let tokenA: string;
  let tokenB: string;
  const secret = Buffer.from(`A's unreleased photo ${Math.random()}`);
  const sha = createHash('sha256').update(secret).digest('hex');
  const item = (patch: Record<string, unknown> = {}) => ({ sha256: sha, fileName: 'x.png', width: 8, height: 8, ...patch });
  const publish = async (token: string, items: unknown[]) => {
    const res = await call<{ taskId: string }>(hub, 'POST', '/tasks', { token, json: { title: 't', labelSchema: TEST_SCHEMA, redundancy: 1, rewardPerItem: '10', items } });
    expect(res.status).toBe(201);
    return res.body.taskId;
  };
  const assign = async (wallet: ReturnType<typeof Wallet.createRandom>, taskId: string) => {
    const token = await signIn(hub, wallet);
    const res = await call<{ items: unknown[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: 5 } });
    expect(res.body.items).toHaveLength(1);
    return token;
  };

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [a.address, b.address], operators: [] });
    tokenA = await signIn(hub, a);
    tokenB = await signIn(hub, b);
    expect((await call(hub, 'PUT', `/media/${sha}`, { token: tokenA, body: secret })).status).toBe(201);
    await assign(aAnnotator, await publish(tokenA, [item()]));
  }, 120_000);
  afterAll(async () => hub?.close());

  it("B's own task listing A's hash opens nothing: B and B's annotator get the answer of an absent hash", async () => {
    const taskId = await publish(tokenB, [item()]);
    const annotatorToken = await assign(bAnnotator, taskId);
    for (const token of [tokenB, annotatorToken]) {
      const res = await call(hub, 'GET', `/media/${sha}`, { token });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: 'unknown_media' });
    }
  });

  it('with a URL, B is sent to the URL B gave, never served the stored bytes', async () => {
    await publish(tokenB, [item({ url: 'https://b.example/x.png' })]);
    const res = await fetch(`${hub.url}/media/${sha}`, { headers: { authorization: `Bearer ${tokenB}` }, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://b.example/x.png');
  });

  it("A and A's annotator still get the bytes", async () => {
    const annotatorToken = await signIn(hub, aAnnotator);
    for (const token of [tokenA, annotatorToken]) {
      const res = await fetch(`${hub.url}/media/${sha}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(secret)).toBe(true);
    }
  });
});
