import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { call, signIn, startTestHub } from '../testKit';

/**
 * Expired nonces and sessions are useless but were never deleted: anyone
 * could grow auth_nonces (and sessions) for good. Time is the hub's clock,
 * moved by the test.
 */
describe('attack: expired nonces and sessions pile up forever', () => {
  let offset = 0;
  const now = () => Date.now() + offset;
  const count = async (hub: RunningHub, table: 'auth_nonces' | 'sessions') => (await hub.context.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  async function until(check: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 100));
  }

  describe('the periodic purge', () => {
    let hub: RunningHub;
    beforeAll(async () => {
      hub = await startTestHub({ requesters: [], operators: [], now, sessionTtlMs: 60_000, purgeIntervalMs: 100 });
    }, 120_000);
    afterAll(async () => hub?.close(), 120_000);

    it('deletes sessions and nonces once they expire, and keeps live ones', async () => {
      offset = 0;
      const token = await signIn(hub, Wallet.createRandom());
      for (let i = 0; i < 5; i++) await call(hub, 'POST', '/auth/nonce');
      // Several purges pass: nothing live goes.
      await new Promise((r) => setTimeout(r, 500));
      expect(await count(hub, 'sessions')).toBe(1);
      expect(await count(hub, 'auth_nonces')).toBe(5);
      expect((await call(hub, 'GET', '/auth/me', { token })).status).toBe(200);

      offset = 2 * 60_000; // sessions (1 min) expired, nonces (10 min) not yet
      await until(async () => (await count(hub, 'sessions')) === 0);
      expect(await count(hub, 'sessions')).toBe(0);
      expect(await count(hub, 'auth_nonces')).toBe(5);
      expect((await call(hub, 'GET', '/auth/me', { token })).status).toBe(401);

      offset = 11 * 60_000;
      await until(async () => (await count(hub, 'auth_nonces')) === 0);
      expect(await count(hub, 'auth_nonces')).toBe(0);
    });
  });

  describe('the purge on issue', () => {
    let hub: RunningHub;
    beforeAll(async () => {
      hub = await startTestHub({ requesters: [], operators: [], now, sessionTtlMs: 60_000, purgeIntervalMs: 3_600_000 });
    }, 120_000);
    afterAll(async () => hub?.close(), 120_000);

    it('deletes expired rows whenever a nonce is issued, even between periodic purges', async () => {
      offset = 0;
      await signIn(hub, Wallet.createRandom());
      await call(hub, 'POST', '/auth/nonce');
      expect(await count(hub, 'sessions')).toBe(1);
      offset = 11 * 60_000;
      await call(hub, 'POST', '/auth/nonce');
      expect(await count(hub, 'sessions')).toBe(0);
      // Only the nonce just issued is left.
      expect(await count(hub, 'auth_nonces')).toBe(1);
    });
  });
});
