import { createHash } from 'node:crypto';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccessScenario, CALLERS, type AccessScenario, type Caller } from '../access/accessScenario';
import { call, startTestHub, TEST_SCHEMA } from '../testKit';

/**
 * The README's access table rows of the requester's routes (issue 11), caller
 * by caller, over HTTP against the access scenario's hub (as
 * access/accessTable.test.ts does for the others). A task with an example
 * image is added to the scenario here.
 */
let s: AccessScenario;
let example: string;
let exampleTask: string;

beforeAll(async () => {
  s = await buildAccessScenario(startTestHub);
  const bytes = Buffer.from(`requester access example ${Math.random()}`);
  example = createHash('sha256').update(bytes).digest('hex');
  expect((await call(s.hub, 'PUT', `/media/${example}`, { token: s.token.requester, body: bytes })).status).toBe(201);
  const item = { sha256: 'e'.repeat(64), fileName: 'e.png', width: 8, height: 8 };
  const created = await call<{ taskId: string }>(s.hub, 'POST', '/tasks', {
    token: s.token.requester,
    json: { title: 'with examples', labelSchema: TEST_SCHEMA, redundancy: 1, rewardPerItem: '10', instructions: '# Read me', examples: [example], items: [item] },
  });
  expect(created.status).toBe(201);
  exampleTask = created.body.taskId;
}, 180_000);
afterAll(async () => s?.hub.close(), 120_000);

type Expect = Record<Caller, number>;
const all = (status: number, except: Partial<Expect> = {}): Expect => ({ ...Object.fromEntries(CALLERS.map((c) => [c, status])), signedOut: 401, ...except }) as Expect;
/** A fresh address per request: a grant or revocation touches no caller of the scenario. */
const stranger = () => Wallet.createRandom().address;

const rows: { route: string; request: () => { method: string; path: string; json?: unknown }; expect: Expect }[] = [
  { route: 'GET /tasks/:taskId/progress', request: () => ({ method: 'GET', path: `/tasks/${s.taskId}/progress` }), expect: all(403, { requester: 200, operator: 200 }) },
  {
    route: "GET /tasks/:taskId/progress (another requester's task)",
    request: () => ({ method: 'GET', path: `/tasks/${s.otherTaskId}/progress` }),
    expect: all(403, { otherRequester: 200, operator: 200 }),
  },
  { route: 'GET /tasks/:taskId/progress (unknown task)', request: () => ({ method: 'GET', path: '/tasks/no-such-task/progress' }), expect: all(403, { operator: 404 }) },
  { route: 'GET /tasks/:taskId/examples/:sha256', request: () => ({ method: 'GET', path: `/tasks/${exampleTask}/examples/${example}` }), expect: all(200) },
  {
    route: 'GET /tasks/:taskId/examples/:sha256 (media the task does not list)',
    request: () => ({ method: 'GET', path: `/tasks/${exampleTask}/examples/${s.media.disputed}` }),
    expect: all(404),
  },
  { route: 'POST /accounts/:address/roles (requester)', request: () => ({ method: 'POST', path: `/accounts/${stranger()}/roles`, json: { role: 'requester' } }), expect: all(403, { operator: 200 }) },
  { route: 'DELETE /accounts/:address/roles (requester)', request: () => ({ method: 'DELETE', path: `/accounts/${stranger()}/roles`, json: { role: 'requester' } }), expect: all(403, { operator: 200 }) },
  { route: 'POST /accounts/:address/roles (operator: never granted)', request: () => ({ method: 'POST', path: `/accounts/${stranger()}/roles`, json: { role: 'operator' } }), expect: all(403, { operator: 400 }) },
];

describe.each(rows)('access: $route', (row) => {
  it.each([...CALLERS])('%s', async (caller) => {
    const { method, path, json } = row.request();
    const res = await call<{ error?: string }>(s.hub, method, path, { token: s.token[caller], json });
    expect(res.status, typeof res.body === 'string' ? 'bytes' : JSON.stringify(res.body).slice(0, 300)).toBe(row.expect[caller]);
  });
});

describe('access: what the requester routes give', () => {
  it("shows a task's instructions and examples to annotators who may take it, and its progress to nobody else", async () => {
    const task = await call<{ instructions: string; examples: string[] }>(s.hub, 'GET', `/tasks/${exampleTask}`, { token: s.token.unassigned });
    expect(task.body).toMatchObject({ instructions: '# Read me', examples: [example] });
    const progress = await call<{ items: Record<string, number>; annotators: { annotator: string }[] }>(s.hub, 'GET', `/tasks/${s.taskId}/progress`, { token: s.token.requester });
    expect(progress.body.items).toEqual({ open: 1, accepted: 1, disputed: 1, resolved: 0 });
    expect(progress.body.annotators.map((a) => a.annotator).sort()).toEqual([s.wallets.assigned, s.wallets.otherAnnotator, s.wallets.reviewerWhoLabeled].map((w) => w.address).sort());
    expect((await call<{ error: string }>(s.hub, 'GET', `/tasks/${s.taskId}/progress`, { token: s.token.assigned })).body.error).toBe('not_your_task');
  });
});
