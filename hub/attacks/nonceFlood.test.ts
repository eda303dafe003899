import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { call, startTestHub } from '../testKit';

/**
 * POST /auth/nonce is anonymous and every nonce is a database row: a script
 * asking in a loop would grow auth_nonces without bound. Real limits here
 * (not the generous ones of other tests): 30 per IP per window on each
 * sign-in route.
 */
describe('attack: one address asks for 2,000 sign-in nonces', () => {
  const LIMIT = 30;
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startTestHub({ requesters: [], operators: [], rateLimit: { signInPerIp: LIMIT, windowMs: 10 * 60_000 } });
  }, 120_000);
  afterAll(async () => hub?.close(), 120_000);

  it('gets at most the limit of nonces, 429 rate_limited for the rest, and the table stays bounded', async () => {
    const statuses: number[] = [];
    let refusal: { status: number; body: unknown; retryAfter: string | null } | undefined;
    for (let sent = 0; sent < 2000; sent += 50) {
      const replies = await Promise.all(
        Array.from({ length: 50 }, async () => {
          const res = await fetch(`${hub.url}/auth/nonce`, { method: 'POST' });
          const body: unknown = await res.json();
          if (res.status === 429) refusal ??= { status: res.status, body, retryAfter: res.headers.get('retry-after') };
          return res.status;
        }),
      );
      statuses.push(...replies);
    }
    const ok = statuses.filter((s) => s === 200).length;
    expect(ok).toBe(LIMIT);
    expect(statuses.filter((s) => s === 429).length).toBe(2000 - LIMIT);
    expect(refusal!.body).toEqual({ error: 'rate_limited', message: expect.stringMatching(/too many requests: retry in/) });
    expect(Number(refusal!.retryAfter)).toBeGreaterThan(0);
    const [rows] = await hub.context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM auth_nonces');
    expect(rows!.n).toBeLessThanOrEqual(LIMIT);
  }, 120_000);

  it('cannot switch to flooding POST /auth/verify instead', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 10; i++) statuses.push((await call(hub, 'POST', '/auth/verify', { json: { message: 'x', signature: `0x${'1'.repeat(130)}` } })).status);
    expect(statuses.slice(0, LIMIT).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(LIMIT)).toEqual(Array(10).fill(429));
  });

  it('leaves the rest of the API to its own (per-IP) limit', async () => {
    expect((await call(hub, 'GET', '/health')).status).toBe(200);
  });
});
