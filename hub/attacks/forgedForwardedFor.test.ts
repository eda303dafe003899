import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { call, startTestHub } from '../testKit';

/**
 * The per-IP limit is keyed by the socket's address. A hub that trusted
 * X-Forwarded-For (or X-Real-IP) without a proxy in front would let one
 * client pose as a new IP on every request and never be limited.
 */
describe('attack: a client forges X-Forwarded-For to look like many IPs', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startTestHub({ requesters: [], operators: [], rateLimit: { perIp: 1000, signInPerIp: 10, perAccount: 1000, windowMs: 10 * 60_000 } });
  });
  afterAll(async () => hub?.close());

  it('still limits anonymous sign-in nonces from one socket address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const forged = `203.0.113.${i + 1}`;
      statuses.push((await call(hub, 'POST', '/auth/nonce', { headers: { 'x-forwarded-for': forged, 'x-real-ip': forged } })).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(10)).toEqual(Array(5).fill(429));
    const [row] = await hub.context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM auth_nonces');
    expect(row!.n).toBe(10);
  });
});
