import { createHash } from 'node:crypto';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { call, sha, signIn, startTestHub, TEST_SCHEMA } from '../testKit';
import { MAX_INSTRUCTIONS_BYTES } from './taskLimits';

type TaskReply = { taskId: string; instructions?: string; examples: string[]; deadline: string | null; maxSpend?: string; hasInstructions?: boolean; error?: string; message?: string };

/** What a requester publishes beyond the items: instructions, example images, a deadline; every number bounded. */
describe('publishing a task: instructions, examples, deadline and bounded numbers', () => {
  let hub: RunningHub;
  const requester = Wallet.createRandom();
  const annotator = Wallet.createRandom();
  let reqToken: string;
  let annToken: string;
  let example: { sha: string; bytes: Buffer };

  const item = () => ({ sha256: sha(Math.floor(Math.random() * 1e12)), fileName: 'a.jpg', width: 64, height: 48 });
  const body = (patch: Record<string, unknown> = {}) => ({ title: 'publish', labelSchema: TEST_SCHEMA, redundancy: 3, rewardPerItem: '1000', items: [item(), item()], ...patch });
  const publish = (patch: Record<string, unknown> = {}) => call<TaskReply>(hub, 'POST', '/tasks', { token: reqToken, json: body(patch) });
  const taskCount = async () => (await hub.context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tasks'))[0]!.n;
  const in1h = () => new Date(Date.now() + 3600_000).toISOString();

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address], operators: [] });
    reqToken = await signIn(hub, requester);
    annToken = await signIn(hub, annotator);
    const bytes = Buffer.from(`an example image ${Math.random()}`);
    example = { sha: createHash('sha256').update(bytes).digest('hex'), bytes };
    expect((await call(hub, 'PUT', `/media/${example.sha}`, { token: reqToken, body: bytes })).status).toBe(201);
  }, 180_000);
  afterAll(async () => hub?.close());

  it('serves instructions, examples and the deadline to annotators before their first item', async () => {
    const instructions = '# Cars\n\nDraw a **tight** box around every car. Ünïcödé is fine.';
    const deadline = in1h();
    const created = await publish({ instructions, examples: [example.sha], deadline, reviewerFee: '50' });
    expect(created.status).toBe(201);
    // The most it could cost: 1000 × 1.5 (highest multiplier) × 3 + 50, for each of 2 items.
    expect(created.body.maxSpend).toBe(String((1500 * 3 + 50) * 2));
    const { taskId } = created.body;

    const task = await call<TaskReply>(hub, 'GET', `/tasks/${taskId}`, { token: annToken });
    expect(task.body).toMatchObject({ instructions, examples: [example.sha], deadline: new Date(deadline).toISOString() });
    const listed = (await call<{ tasks: TaskReply[] }>(hub, 'GET', '/tasks', { token: annToken })).body.tasks.find((t) => t.taskId === taskId)!;
    expect(listed.instructions).toBeUndefined();
    expect(listed).toMatchObject({ hasInstructions: true, examples: [example.sha] });

    const image = await fetch(`${hub.url}/tasks/${taskId}/examples/${example.sha}`, { headers: { authorization: `Bearer ${annToken}` } });
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).equals(example.bytes)).toBe(true);
    expect((await call(hub, 'GET', `/tasks/${taskId}/examples/${example.sha}`)).status).toBe(401);
    expect((await call<{ error: string }>(hub, 'GET', `/tasks/${taskId}/examples/${sha(7)}`, { token: annToken })).body.error).toBe('unknown_example');
  });

  it('takes tasks without the new fields (no instructions, no examples, no deadline)', async () => {
    const created = await publish();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ instructions: '', examples: [], deadline: null });
  });

  it('refuses every number out of bounds, naming it, and stores nothing', async () => {
    const before = await taskCount();
    const refusals: [Record<string, unknown>, string, RegExp][] = [
      [{ rewardPerItem: '0' }, 'invalid_body', /rewardPerItem/],
      [{ rewardPerItem: '-5' }, 'invalid_body', /rewardPerItem/],
      [{ rewardPerItem: '1e18' }, 'invalid_body', /rewardPerItem/],
      [{ rewardPerItem: '0100' }, 'invalid_body', /rewardPerItem/],
      [{ rewardPerItem: 1000 }, 'invalid_body', /rewardPerItem/],
      [{ rewardPerItem: '1'.padEnd(79, '0') }, 'invalid_body', /rewardPerItem/],
      [{ reviewerFee: '-1' }, 'invalid_body', /reviewerFee/],
      [{ reviewerFee: '1.5' }, 'invalid_body', /reviewerFee/],
      [{ redundancy: 0 }, 'invalid_body', /redundancy/],
      [{ redundancy: 16 }, 'invalid_body', /redundancy/],
      [{ redundancy: 2.5 }, 'invalid_body', /redundancy/],
      [{ instructions: 'x'.repeat(MAX_INSTRUCTIONS_BYTES + 1) }, 'invalid_body', /instructions/],
      // 10,001 two-byte characters: under 20,000 characters, over 20,000 bytes.
      [{ instructions: 'é'.repeat(MAX_INSTRUCTIONS_BYTES / 2 + 1) }, 'invalid_body', /instructions/],
      [{ instructions: 'a\u0000b' }, 'invalid_body', /instructions/],
      [{ title: 'a\u0000b' }, 'invalid_body', /title/],
      [{ examples: Array.from({ length: 21 }, (_, i) => sha(i + 1)) }, 'invalid_body', /examples/],
      [{ examples: [example.sha, example.sha] }, 'duplicate_example', /twice/],
      [{ examples: [sha(123456)] }, 'unknown_example', /no media/],
      [{ deadline: new Date(Date.now() - 1000).toISOString() }, 'invalid_deadline', /not in the future/],
      [{ deadline: new Date(Date.now() + 10_000).toISOString() }, 'invalid_deadline', /not in the future/],
      [{ deadline: new Date(Date.now() + 4 * 365 * 24 * 3600_000).toISOString() }, 'invalid_deadline', /three years/],
      [{ deadline: 'tomorrow' }, 'invalid_body', /deadline/],
      [{ deadline: '2030-01-01T00:00:00' }, 'invalid_body', /deadline/],
    ];
    for (const [patch, code, message] of refusals) {
      const res = await publish(patch);
      expect({ patch: Object.keys(patch), status: res.status, error: res.body.error }).toEqual({ patch: Object.keys(patch), status: 400, error: code });
      expect(res.body.message).toMatch(message);
    }
    expect(await taskCount()).toBe(before);
    // The bounds themselves are accepted: 20,000 bytes exactly, 15 annotators, 20 examples… of media the hub holds.
    expect((await publish({ instructions: 'é'.repeat(MAX_INSTRUCTIONS_BYTES / 2), redundancy: 15 })).status).toBe(201);
  });

  it('assigns nothing new after the deadline: 410 task_closed, while held work still comes back', async () => {
    const { taskId } = (await publish({ redundancy: 1, deadline: in1h() })).body;
    const held = await call<{ items: unknown[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: annToken, json: { count: 1 } });
    expect(held.body.items).toHaveLength(1);
    const late = Wallet.createRandom();
    const lateToken = await signIn(hub, late);
    const realNow = hub.context.now;
    hub.context.now = () => realNow() + 2 * 3600_000;
    try {
      expect((await call<{ items: unknown[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: annToken, json: { count: 5 } })).body.items).toHaveLength(1);
      const refused = await call<{ error: string }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: lateToken, json: { count: 1 } });
      expect(refused.status).toBe(410);
      expect(refused.body.error).toBe('task_closed');
    } finally {
      hub.context.now = realNow;
    }
  });
});
