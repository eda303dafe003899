import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccessScenario, CALLERS, type AccessScenario, type Caller } from '../access/accessScenario';
import { call, startTestHub } from '../testKit';

/**
 * The README's access table rows of hub/export's routes, caller by caller,
 * over HTTP against the access scenario's hub (as access/accessTable.test.ts
 * does for the other routes). Rule `task.owner`: the task's requester and
 * operators; an unknown task is 404 to operators, 403 to everyone else.
 */
let s: AccessScenario;

beforeAll(async () => {
  s = await buildAccessScenario(startTestHub);
}, 180_000);
afterAll(async () => s?.hub.close(), 120_000);

type Expect = Record<Caller, number>;
const all = (status: number, except: Partial<Expect> = {}): Expect => ({ ...Object.fromEntries(CALLERS.map((c) => [c, status])), signedOut: 401, ...except }) as Expect;
const owners = all(403, { requester: 200, operator: 200 });

const rows: { route: string; path: () => string; expect: Expect }[] = [
  { route: 'GET /tasks/:taskId/items', path: () => `/tasks/${s.taskId}/items`, expect: owners },
  { route: "GET /tasks/:taskId/items (another requester's task)", path: () => `/tasks/${s.otherTaskId}/items`, expect: all(403, { otherRequester: 200, operator: 200 }) },
  { route: 'GET /tasks/:taskId/items (unknown task)', path: () => '/tasks/no-such-task/items', expect: all(403, { operator: 404 }) },
  { route: 'GET /tasks/:taskId/export', path: () => `/tasks/${s.taskId}/export?format=coco`, expect: owners },
  { route: "GET /tasks/:taskId/export (another requester's task)", path: () => `/tasks/${s.otherTaskId}/export?format=voc`, expect: all(403, { otherRequester: 200, operator: 200 }) },
  { route: 'GET /tasks/:taskId/export (unknown task)', path: () => '/tasks/no-such-task/export?format=coco', expect: all(403, { operator: 404 }) },
];

describe.each(rows)('access: $route', (row) => {
  it.each([...CALLERS])('%s', async (caller) => {
    const res = await call<{ error?: string }>(s.hub, 'GET', row.path(), { token: s.token[caller] });
    expect(res.status, typeof res.body === 'string' ? 'zip' : JSON.stringify(res.body).slice(0, 300)).toBe(row.expect[caller]);
  });
});

describe('access: what a task owner gets', () => {
  it('lists every item of the task with its status, and nothing to an annotator of it', async () => {
    const res = await call<{ items: { itemId: string; status: string }[] }>(s.hub, 'GET', `/tasks/${s.taskId}/items`, { token: s.token.requester });
    expect(Object.fromEntries(res.body.items.map((i) => [i.itemId, i.status]))).toEqual({ [s.items.disputed]: 'disputed', [s.items.accepted]: 'accepted', [s.items.open]: 'open' });
    const refused = await call<{ error: string }>(s.hub, 'GET', `/tasks/${s.taskId}/items`, { token: s.token.assigned });
    expect(refused.body.error).toBe('not_your_task');
  });
});
