import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { call, signIn, startTestHub } from '../testKit';

/**
 * Roles from config (OPERATORS, REQUESTERS) used to be written into the
 * account at sign-in and read from there: an operator taken off the list
 * kept the role for as long as their session lived. Now they are derived
 * from the config on every request. (The hub is reconfigured in place, as
 * a restart with a new OPERATORS list would.)
 */
describe('attack: an operator removed from OPERATORS keeps using their session', () => {
  let hub: RunningHub;
  const operator = Wallet.createRandom();
  const requester = Wallet.createRandom();
  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address], operators: [operator.address] });
  }, 120_000);
  afterAll(async () => hub?.close(), 120_000);

  it('loses the role on the next request with the same token', async () => {
    const token = await signIn(hub, operator);
    await signIn(hub, requester); // the account to grant a role to must exist
    const grant = (t: string) => call(hub, 'POST', `/accounts/${requester.address}/roles`, { token: t, json: { role: 'reviewer' } });
    expect((await call<{ roles: string[] }>(hub, 'GET', '/auth/me', { token })).body.roles).toEqual(['annotator', 'operator']);
    expect((await grant(token)).status).toBe(200);

    hub.context.config = { ...hub.context.config, operators: [] };
    expect((await call<{ roles: string[] }>(hub, 'GET', '/auth/me', { token })).body.roles).toEqual(['annotator']);
    expect((await grant(token)).status).toBe(403);
    expect((await call(hub, 'POST', '/epochs/close', { token })).status).toBe(403);
  });

  it('the same for a removed requester, while a granted reviewer role stays (and its revocation is immediate too)', async () => {
    const token = await signIn(hub, requester);
    expect((await call<{ roles: string[] }>(hub, 'GET', '/auth/me', { token })).body.roles).toEqual(['annotator', 'requester', 'reviewer']);
    hub.context.config = { ...hub.context.config, requesters: [] };
    expect((await call<{ roles: string[] }>(hub, 'GET', '/auth/me', { token })).body.roles).toEqual(['annotator', 'reviewer']);
    expect((await call(hub, 'POST', '/tasks', { token, json: {} })).status).toBe(403);

    hub.context.config = { ...hub.context.config, operators: [operator.address] };
    const opToken = await signIn(hub, operator);
    expect((await call(hub, 'DELETE', `/accounts/${requester.address}/roles`, { token: opToken, json: { role: 'reviewer' } })).status).toBe(200);
    expect((await call<{ roles: string[] }>(hub, 'GET', '/auth/me', { token })).body.roles).toEqual(['annotator']);
  });

  it('and an address added to OPERATORS gains the role without signing in again', async () => {
    const newcomer = Wallet.createRandom();
    const token = await signIn(hub, newcomer);
    hub.context.config = { ...hub.context.config, operators: [...hub.context.config.operators, newcomer.address] };
    expect((await call<{ roles: string[] }>(hub, 'GET', '/auth/me', { token })).body.roles).toEqual(['annotator', 'operator']);
  });
});
