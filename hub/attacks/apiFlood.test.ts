import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { call, signIn, startTestHub } from '../testKit';

/**
 * Beyond sign-in: one IP hammering any route, and one account hammering
 * authenticated routes — through one session or many, from one IP or many
 * (the account limit is keyed by the session's address, not the socket).
 */
describe('attack: one IP or one account floods the API', () => {
  describe('per IP', () => {
    let hub: RunningHub;
    beforeAll(async () => {
      hub = await startTestHub({ requesters: [], operators: [], rateLimit: { perIp: 20, signInPerIp: 1000, perAccount: 1000, windowMs: 10 * 60_000 } });
    }, 120_000);
    afterAll(async () => hub?.close(), 120_000);

    it('answers 429 rate_limited past the per-IP limit, on public routes too', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push((await call(hub, 'GET', '/tiers')).status);
      expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(20)).toEqual(Array(5).fill(429));
      const res = await call(hub, 'GET', '/health');
      expect(res).toEqual({ status: 429, body: { error: 'rate_limited', message: expect.any(String) } });
    });
  });

  describe('per account', () => {
    let hub: RunningHub;
    const attacker = Wallet.createRandom();
    const bystander = Wallet.createRandom();
    beforeAll(async () => {
      hub = await startTestHub({ requesters: [], operators: [], rateLimit: { perIp: 100_000, signInPerIp: 1000, perAccount: 20, windowMs: 10 * 60_000 } });
    }, 120_000);
    afterAll(async () => hub?.close(), 120_000);

    it('limits the account across all its sessions, and leaves other accounts alone', async () => {
      const sessions = [await signIn(hub, attacker), await signIn(hub, attacker)];
      const statuses: number[] = [];
      for (let i = 0; i < 24; i++) statuses.push((await call(hub, 'GET', '/auth/me', { token: sessions[i % 2] })).status);
      expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(20)).toEqual(Array(4).fill(429));
      const limited = await call(hub, 'GET', '/tasks', { token: sessions[0] });
      expect(limited.body).toMatchObject({ error: 'rate_limited' });
      expect((await call(hub, 'GET', '/auth/me', { token: await signIn(hub, bystander) })).status).toBe(200);
    });
  });
});
