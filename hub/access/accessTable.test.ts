import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestHub } from '../testKit';
import { buildAccessScenario, CALLERS, type AccessScenario, type Caller } from './accessScenario';

/**
 * The README's access table, route by route and caller by caller, over HTTP
 * against a real hub. `skip` marks a caller a row does not exercise (an
 * operator closing an epoch without a chain, say).
 */
let s: AccessScenario;

beforeAll(async () => {
  s = await buildAccessScenario(startTestHub);
}, 180_000);
afterAll(async () => s?.hub.close(), 120_000);

type Expect = Record<Caller, number | 'skip'>;
const all = (status: number, except: Partial<Expect> = {}): Expect => ({ ...Object.fromEntries(CALLERS.map((c) => [c, status])), signedOut: 401, ...except }) as Expect;
/** Readers of an item: its requester, its annotators (own view), operators; reviewers per row. */
const itemReaders = (reviewer: number): Expect => all(403, { assigned: 200, otherAnnotator: 200, reviewerWhoLabeled: 200, requester: 200, operator: 200, reviewer });
const lineageReaders = (reviewer: number): Expect => all(403, { requester: 200, operator: 200, reviewer });
/** Refusals of media look like an unknown hash: 404. */
const mediaReaders = (reviewer: number): Expect => all(404, { assigned: 200, otherAnnotator: 200, reviewerWhoLabeled: 200, requester: 200, operator: 200, reviewer });

interface Row {
  route: string;
  request: () => { method: string; path: string; json?: unknown; body?: Buffer };
  expect: Expect;
}

const rows: Row[] = [
  { route: 'GET /health', request: () => ({ method: 'GET', path: '/health' }), expect: all(200, { signedOut: 200 }) },
  { route: 'GET /config', request: () => ({ method: 'GET', path: '/config' }), expect: all(200, { signedOut: 200 }) },
  { route: 'GET /auth/me', request: () => ({ method: 'GET', path: '/auth/me' }), expect: all(200) },
  // Only the refusal: a signed-in caller would end their session here (the logout attack tests the rest).
  { route: 'POST /auth/logout', request: () => ({ method: 'POST', path: '/auth/logout' }), expect: all(0 as number, { signedOut: 401, ...Object.fromEntries(CALLERS.slice(1).map((c) => [c, 'skip'])) }) },
  {
    route: 'DELETE /accounts/:address/roles',
    request: () => ({ method: 'DELETE', path: `/accounts/${s.wallets.unassigned.address}/roles`, json: { role: 'reviewer' } }),
    expect: all(403, { operator: 200 }),
  },
  { route: 'GET /tasks', request: () => ({ method: 'GET', path: '/tasks' }), expect: all(200) },
  { route: 'GET /tasks/:taskId', request: () => ({ method: 'GET', path: `/tasks/${s.taskId}` }), expect: all(200) },
  // An empty body: requesters get past the rule to the body check (400), everyone else is refused by it.
  { route: 'POST /tasks', request: () => ({ method: 'POST', path: '/tasks', json: {} }), expect: all(403, { requester: 400, otherRequester: 400 }) },
  { route: 'PUT /media/:sha256', request: () => ({ method: 'PUT', path: `/media/${'0'.repeat(64)}`, body: Buffer.from('not these bytes') }), expect: all(403, { requester: 400, otherRequester: 400 }) },
  // An empty list: requesters get past the rule to the body check.
  { route: 'POST /media/held', request: () => ({ method: 'POST', path: '/media/held', json: { sha256s: [] } }), expect: all(403, { requester: 400, otherRequester: 400 }) },
  { route: 'GET /media/:sha256 (disputed item)', request: () => ({ method: 'GET', path: `/media/${s.media.disputed}` }), expect: mediaReaders(200) },
  { route: 'GET /media/:sha256 (accepted item)', request: () => ({ method: 'GET', path: `/media/${s.media.accepted}` }), expect: mediaReaders(404) },
  {
    route: "GET /media/:sha256 (another requester's task)",
    request: () => ({ method: 'GET', path: `/media/${s.media.otherTask}` }),
    expect: all(404, { otherRequester: 200, operator: 200 }),
  },
  // count 0 is invalid: signed-in callers get past the rule to the body check.
  { route: 'POST /tasks/:taskId/assignments', request: () => ({ method: 'POST', path: `/tasks/${s.taskId}/assignments`, json: { count: 0 } }), expect: all(400) },
  { route: 'POST /batches', request: () => ({ method: 'POST', path: '/batches', json: {} }), expect: all(400) },
  { route: 'GET /items/:itemId (disputed)', request: () => ({ method: 'GET', path: `/items/${s.items.disputed}` }), expect: itemReaders(200) },
  { route: 'GET /items/:itemId (accepted)', request: () => ({ method: 'GET', path: `/items/${s.items.accepted}` }), expect: itemReaders(403) },
  { route: 'GET /items/:itemId (open)', request: () => ({ method: 'GET', path: `/items/${s.items.open}` }), expect: itemReaders(403) },
  { route: 'GET /items/:itemId/lineage (disputed)', request: () => ({ method: 'GET', path: `/items/${s.items.disputed}/lineage` }), expect: lineageReaders(200) },
  { route: 'GET /items/:itemId/lineage (accepted)', request: () => ({ method: 'GET', path: `/items/${s.items.accepted}/lineage` }), expect: lineageReaders(403) },
  { route: 'GET /items/:itemId/lineage (open)', request: () => ({ method: 'GET', path: `/items/${s.items.open}/lineage` }), expect: lineageReaders(403) },
  { route: 'GET /disputes', request: () => ({ method: 'GET', path: `/disputes?taskId=${s.taskId}` }), expect: all(403, { reviewer: 200, reviewerWhoLabeled: 200 }) },
  // An empty body is refused after the rule (signature first, then reviewer rights: see verdicts tests).
  { route: 'POST /verdicts', request: () => ({ method: 'POST', path: '/verdicts', json: {} }), expect: all(400) },
  { route: 'POST /epochs/close', request: () => ({ method: 'POST', path: '/epochs/close' }), expect: all(403, { operator: 'skip' }) },
  { route: 'GET /epochs', request: () => ({ method: 'GET', path: '/epochs' }), expect: all(200, { signedOut: 200 }) },
  // Public like the root it justifies; this hub closed no epoch, so everyone gets the same 404.
  { route: 'GET /epochs/:epoch/ledger', request: () => ({ method: 'GET', path: '/epochs/1/ledger' }), expect: all(404, { signedOut: 404 }) },
  // Public like the chain it reads; this hub has no chain, so everyone who passes the rule gets the same 503 (an unknown task: 404).
  { route: 'GET /pools/:taskId', request: () => ({ method: 'GET', path: `/pools/${s.taskId}` }), expect: all(503, { signedOut: 503 }) },
  { route: 'GET /pools/:taskId (unknown task)', request: () => ({ method: 'GET', path: '/pools/no-such-task' }), expect: all(404, { signedOut: 404 }) },
  { route: 'GET /rewards/:account', request: () => ({ method: 'GET', path: `/rewards/${s.wallets.assigned.address}` }), expect: all(200, { signedOut: 200 }) },
  { route: 'GET /reputation/:account', request: () => ({ method: 'GET', path: `/reputation/${s.wallets.assigned.address}` }), expect: all(200, { signedOut: 200 }) },
  { route: 'GET /tiers', request: () => ({ method: 'GET', path: '/tiers' }), expect: all(200, { signedOut: 200 }) },
];

describe.each(rows)('access: $route', (row) => {
  it.each(CALLERS.filter((c) => row.expect[c] !== 'skip'))('%s', async (caller) => {
    const { method, path, json, body } = row.request();
    const res = await call<{ error?: string }>(s.hub, method, path, { token: s.token[caller], json, body });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(row.expect[caller]);
  });
});

describe('access: what each reader sees of an item', () => {
  const get = (who: Caller, path: string) => call<Record<string, unknown>>(s.hub, 'GET', path, { token: s.token[who] });

  it('gives requesters, operators and reviewers of the dispute the stored decision with every annotator', async () => {
    for (const who of ['requester', 'operator', 'reviewer'] as const) {
      const res = await get(who, `/items/${s.items.disputed}`);
      expect((res.body.consensus as { annotators: unknown[] }).annotators, who).toHaveLength(3);
      expect(res.body.submissions).toBe(3);
    }
  });

  it('gives an annotator of a disputed item its status and their own submission, nothing decided from the others', async () => {
    for (const who of ['assigned', 'otherAnnotator', 'reviewerWhoLabeled'] as const) {
      const res = await get(who, `/items/${s.items.disputed}`);
      expect(res.body, who).toEqual({
        itemId: s.items.disputed,
        taskId: s.taskId,
        sha256: s.media.disputed,
        status: 'disputed',
        redundancy: 3,
        consensus: null,
        yourSubmission: { submitted: true, agreesWithFinal: null },
        finalizedAt: null,
        rewardedEpoch: null,
      });
    }
  });

  it('gives an annotator of an accepted item the final labels and whether theirs agree, never who else labeled it', async () => {
    const res = await get('assigned', `/items/${s.items.accepted}`);
    expect(res.body.status).toBe('accepted');
    expect(res.body.consensus).toEqual({ status: 'accepted', labels: [expect.objectContaining({ className: 'car' })] });
    expect(res.body.yourSubmission).toEqual({ submitted: true, agreesWithFinal: true });
    const text = JSON.stringify(res.body);
    for (const other of [s.wallets.otherAnnotator, s.wallets.reviewerWhoLabeled]) expect(text).not.toContain(other.address);
    expect(res.body).not.toHaveProperty('submissions');
  });

  it('shows an open item to its annotators as open with nothing decided', async () => {
    const res = await get('otherAnnotator', `/items/${s.items.open}`);
    expect(res.body).toMatchObject({ status: 'open', consensus: null, yourSubmission: { submitted: false, agreesWithFinal: null } });
  });

  it('names the reason of a refusal', async () => {
    expect((await get('unassigned', `/items/${s.items.disputed}`)).body.error).toBe('not_your_item');
    expect((await get('assigned', `/items/${s.items.disputed}/lineage`)).body.error).toBe('lineage_forbidden');
    expect((await get('otherRequester', `/media/${s.media.disputed}`)).body).toEqual({ error: 'unknown_media', message: `no media ${s.media.disputed} on this hub` });
    expect((await get('unassigned', `/items/item_nope`)).status).toBe(404);
  });

  it('serves media as bytes with ranges to those allowed', async () => {
    const res = await fetch(`${s.hub.url}/media/${s.media.disputed}`, { headers: { authorization: `Bearer ${s.token.reviewer}`, range: 'bytes=0-9' } });
    expect(res.status).toBe(206);
    expect((await res.arrayBuffer()).byteLength).toBe(10);
  });
});

describe('access: tasks above the caller’s tier', () => {
  it('lists them marked available: false with the tier they need, and the others available', async () => {
    const list = await call<{ tasks: { taskId: string; available: boolean; requiredTier?: { tier: number }; unavailableReason?: string }[] }>(s.hub, 'GET', '/tasks', { token: s.token.assigned });
    const level = list.body.tasks.find((t) => t.taskId === s.levelTaskId)!;
    expect(level).toMatchObject({ available: false, requiredTier: { tier: 1, name: 'trusted' } });
    expect(level.unavailableReason).toMatch(/level 1: it needs tier 1 \(trusted\); 0x[0-9a-fA-F]{40} is tier 0 \(newcomer\)/);
    expect(list.body.tasks.find((t) => t.taskId === s.taskId)).toMatchObject({ available: true });
    expect(list.body.tasks.find((t) => t.taskId === s.taskId)).not.toHaveProperty('unavailableReason');
    const one = await call<{ available: boolean }>(s.hub, 'GET', `/tasks/${s.levelTaskId}`, { token: s.token.unassigned });
    expect(one.body.available).toBe(false);
    // The same rule as assignment: taking work on it is refused.
    expect((await call<{ error: string }>(s.hub, 'POST', `/tasks/${s.levelTaskId}/assignments`, { token: s.token.unassigned, json: { count: 1 } })).body.error).toBe('tier_too_low');
  });
});
