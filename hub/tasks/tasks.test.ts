import { createHash } from 'node:crypto';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnPostgres } from '../db/testPostgres';
import type { RunningHub } from '../startHub';
import { call, createTestTask, signIn, startTestHub, TEST_SCHEMA } from '../testKit';

describe('tasks, media and work assignment', () => {
  let hub: RunningHub;
  const requester = Wallet.createRandom();
  const annotators = Array.from({ length: 4 }, () => Wallet.createRandom());
  let reqToken: string;
  let tokens: string[];

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address], operators: [] });
    reqToken = await signIn(hub, requester);
    tokens = await Promise.all(annotators.map((a) => signIn(hub, a)));
  }, 180_000);
  afterAll(async () => hub?.close());

  it('creates a task with a bytes32 id and lists it', async () => {
    const { taskId, task } = await createTestTask(hub, reqToken, 3, 2);
    expect(task).toMatch(/^0x[0-9a-f]{64}$/);
    const list = await call<{ tasks: { taskId: string; itemCount: number; openItems: number; redundancy: number }[] }>(hub, 'GET', '/tasks', { token: tokens[0] });
    expect(list.body.tasks.find((t) => t.taskId === taskId)).toMatchObject({ itemCount: 3, openItems: 3, redundancy: 2 });
  });

  it('refuses a malformed task naming the field', async () => {
    const res = await call<{ error: string; message: string }>(hub, 'POST', '/tasks', {
      token: reqToken,
      json: { title: 't', labelSchema: TEST_SCHEMA, redundancy: 0, rewardPerItem: '-1', items: [{ sha256: 'nothex', fileName: 'a', width: 1, height: 1 }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/redundancy/);
    expect(res.body.message).toMatch(/rewardPerItem/);
    expect(res.body.message).toMatch(/items\.0\.sha256/);
  });

  it('gives each item to k different annotators, never twice to the same, and hands open work back', async () => {
    const { taskId } = await createTestTask(hub, reqToken, 3, 2);
    const ask = async (i: number, count: number) =>
      (await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: tokens[i], json: { count } })).body.items.map((x) => x.itemId);
    const a0 = await ask(0, 2);
    expect(a0).toHaveLength(2);
    // Asking again returns the same open work first, never a duplicate.
    const a0again = await ask(0, 3);
    expect(a0again.slice(0, 2)).toEqual(a0);
    expect(new Set(a0again).size).toBe(a0again.length);
    expect(a0again).toHaveLength(3);
    const a1 = await ask(1, 3);
    const a2 = await ask(2, 3);
    expect(a1).toHaveLength(3);
    expect(a2).toHaveLength(0);
    const perItem = await hub.context.db.query<{ item_id: string; n: number }>('SELECT item_id, count(DISTINCT annotator)::int AS n FROM assignments WHERE task_id = $1 GROUP BY item_id', [taskId]);
    expect(perItem.map((r) => r.n)).toEqual([2, 2, 2]);
    expect((await call(hub, 'POST', '/tasks/nope/assignments', { token: tokens[3], json: { count: 1 } })).status).toBe(404);
  });

  it('stores uploaded media only when the bytes hash to the named sha256, and serves ranges', async () => {
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    const sha = createHash('sha256').update(bytes).digest('hex');
    const wrong = await call<{ error: string }>(hub, 'PUT', `/media/${'0'.repeat(64)}`, { token: reqToken, body: bytes });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('media_hash_mismatch');
    expect((await call(hub, 'GET', `/media/${'0'.repeat(64)}`, { token: tokens[0] })).status).toBe(404);
    expect((await call(hub, 'PUT', `/media/${sha}`, { token: tokens[0], body: bytes })).status).toBe(403);
    const put = await call<{ size: number; created: boolean }>(hub, 'PUT', `/media/${sha}`, { token: reqToken, body: bytes });
    expect(put.status).toBe(201);
    expect(put.body).toEqual({ sha256: sha, size: 1000, created: true });
    // Media is served to those with a right to an item showing it (hub/access): here the task's requester.
    const task = { title: 'ranges', labelSchema: TEST_SCHEMA, redundancy: 1, rewardPerItem: '1', items: [{ sha256: sha, fileName: 'm.jpg', width: 10, height: 10 }] };
    expect((await call(hub, 'POST', '/tasks', { token: reqToken, json: task })).status).toBe(201);

    const whole = await fetch(`${hub.url}/media/${sha}`, { headers: { authorization: `Bearer ${reqToken}` } });
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(bytes);
    const part = await fetch(`${hub.url}/media/${sha}`, { headers: { authorization: `Bearer ${reqToken}`, range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(100, 200));
    const tail = await fetch(`${hub.url}/media/${sha}`, { headers: { authorization: `Bearer ${reqToken}`, range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(990));
    const beyond = await fetch(`${hub.url}/media/${sha}`, { headers: { authorization: `Bearer ${reqToken}`, range: 'bytes=5000-' } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */1000');
  });

  it('redirects to the URL of media that lives elsewhere', async () => {
    const sha = 'ab'.repeat(32);
    const res = await call(hub, 'POST', '/tasks', {
      token: reqToken,
      json: { title: 'remote', labelSchema: TEST_SCHEMA, redundancy: 1, rewardPerItem: '1', items: [{ sha256: sha, fileName: 'r.jpg', width: 10, height: 10, url: 'https://media.example/r.jpg' }] },
    });
    expect(res.status).toBe(201);
    const got = await fetch(`${hub.url}/media/${sha}`, { headers: { authorization: `Bearer ${reqToken}` }, redirect: 'manual' });
    expect(got.status).toBe(302);
    expect(got.headers.get('location')).toBe('https://media.example/r.jpg');
  });
});

describeOnPostgres('concurrent assignment', (url) => {
  let hub: RunningHub;
  const requester = Wallet.createRandom();

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address], operators: [], databaseUrl: url() });
  }, 120_000);
  afterAll(async () => hub?.close());

  it('never over-assigns an item when many annotators ask at once: each item to at most k, counters equal to the rows', async () => {
    const ITEMS = 40;
    const K = 3;
    const { taskId } = await createTestTask(hub, await signIn(hub, requester), ITEMS, K);
    const tokens = await Promise.all(Array.from({ length: 16 }, () => signIn(hub, Wallet.createRandom())));
    // 16 annotators × 2 requests of 12, all in flight together: 384 asked for, 120 slots.
    const replies = await Promise.all(
      tokens.flatMap((token) => [0, 1].map(() => call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: 12 } }))),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const perItem = await hub.context.db.query<{ rows: number; distinct: number; assigned: number }>(
      `SELECT count(a.annotator)::int AS rows, count(DISTINCT a.annotator)::int AS distinct, i.assigned
       FROM items i LEFT JOIN assignments a ON a.item_id = i.id WHERE i.task_id = $1 GROUP BY i.id, i.assigned`,
      [taskId],
    );
    expect(perItem).toHaveLength(ITEMS);
    for (const r of perItem) {
      expect(r.distinct).toBe(r.rows);
      expect(r.rows).toBe(r.assigned);
      expect(r.rows).toBeLessThanOrEqual(K);
    }
    // Near the end each request gets only its equal share of what is left (tiers/workGate.ts), so one wave may leave a
    // few slots; asking again in turn fills every slot, still each item to k distinct annotators.
    const total = async () => (await hub.context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM assignments WHERE task_id = $1', [taskId]))[0]!.n;
    for (let pass = 0; pass < 5 && (await total()) < ITEMS * K; pass++) {
      for (const token of tokens) expect((await call(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: 12 } })).status).toBe(200);
    }
    expect(await total()).toBe(ITEMS * K);
    const [worst] = await hub.context.db.query<{ n: number }>(
      'SELECT max(n)::int AS n FROM (SELECT count(DISTINCT annotator) AS n FROM assignments WHERE task_id = $1 GROUP BY item_id) t',
      [taskId],
    );
    expect(worst!.n).toBe(K);
  }, 120_000);
});
