import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { call, siweMessage, signIn, startTestHub } from '../testKit';

describe('SIWE sessions and roles', () => {
  let hub: RunningHub;
  const requester = Wallet.createRandom();
  const operator = Wallet.createRandom();
  const annotator = Wallet.createRandom();

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address], operators: [operator.address] });
  }, 60_000);
  afterAll(async () => hub?.close());

  const nonce = async () => (await call<{ nonce: string }>(hub, 'POST', '/auth/nonce')).body.nonce;
  async function verify(message: string, signature: string) {
    return call<{ token?: string; roles?: string[]; address?: string; error?: string; message?: string }>(hub, 'POST', '/auth/verify', { json: { message, signature } });
  }

  it('signs in with a signed EIP-4361 message; roles come from config, annotators self-register', async () => {
    const n = await nonce();
    expect(n).toMatch(/^[0-9a-f]{32}$/);
    const message = siweMessage(hub, requester, n);
    const res = await verify(message, await requester.signMessage(message));
    expect(res.status).toBe(200);
    expect(res.body.address).toBe(requester.address);
    expect(res.body.roles).toEqual(['annotator', 'requester']);
    const me = await call<{ address: string; roles: string[] }>(hub, 'GET', '/auth/me', { token: res.body.token });
    expect(me.body.address).toBe(requester.address);
    const fresh = await call<{ roles: string[] }>(hub, 'GET', '/auth/me', { token: await signIn(hub, annotator) });
    expect(fresh.body.roles).toEqual(['annotator']);
  });

  it('uses a nonce once', async () => {
    const n = await nonce();
    const message = siweMessage(hub, annotator, n);
    const signature = await annotator.signMessage(message);
    expect((await verify(message, signature)).status).toBe(200);
    const replay = await verify(message, signature);
    expect(replay.status).toBe(401);
    expect(replay.body.message).toMatch(/nonce .* already used/);
  });

  it.each([
    ['another domain', { domain: 'evil.example' }, /domain "evil.example" is not this hub/],
    ['another URI', { uri: 'https://evil.example/login' }, /URI .* is not on this hub/],
    ['another chain', { chainId: 1 }, /chain id 1 is not this hub's chain 31337/],
    ['an expired message', { expirationTime: new Date(Date.now() - 1000).toISOString() }, /expired/],
  ])('refuses %s', async (_name, patch, reason) => {
    const message = siweMessage(hub, annotator, await nonce(), patch);
    const res = await verify(message, await annotator.signMessage(message));
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(reason);
  });

  it('refuses a signature by another key, and garbage messages', async () => {
    const message = siweMessage(hub, annotator, await nonce());
    const res = await verify(message, await Wallet.createRandom().signMessage(message));
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/signature is by 0x[0-9a-fA-F]{40}, not by/);
    const garbage = await verify('hello', await annotator.signMessage('hello'));
    expect(garbage.status).toBe(400);
    expect(garbage.body.error).toBe('invalid_siwe');
  });

  it('refuses unknown tokens and missing roles', async () => {
    expect((await call(hub, 'GET', '/auth/me', { token: 'x'.repeat(43) })).status).toBe(401);
    expect((await call(hub, 'GET', '/tasks')).status).toBe(401);
    const annotatorToken = await signIn(hub, annotator);
    const res = await call<{ error: string }>(hub, 'POST', '/tasks', { token: annotatorToken, json: {} });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('forbidden');
  });

  it('lets the operator grant and revoke the reviewer role, and nobody else', async () => {
    const annotatorToken = await signIn(hub, annotator);
    const path = `/accounts/${annotator.address}/roles`;
    expect((await call(hub, 'POST', path, { token: annotatorToken, json: { role: 'reviewer' } })).status).toBe(403);
    const opToken = await signIn(hub, operator);
    const granted = await call<{ roles: string[] }>(hub, 'POST', path, { token: opToken, json: { role: 'reviewer' } });
    expect(granted.body.roles).toEqual(['annotator', 'reviewer']);
    // Sign-in keeps granted roles.
    expect((await call<{ roles: string[] }>(hub, 'GET', '/auth/me', { token: await signIn(hub, annotator) })).body.roles).toEqual(['annotator', 'reviewer']);
    expect((await call<{ roles: string[] }>(hub, 'DELETE', path, { token: opToken, json: { role: 'reviewer' } })).body.roles).toEqual(['annotator']);
    expect((await call(hub, 'POST', path, { token: opToken, json: { role: 'operator' } })).status).toBe(400);
    // A grant may precede the first sign-in (an operator onboards a requester by address); the answer says so.
    const stranger = Wallet.createRandom();
    const early = await call<{ roles: string[]; signedInBefore: boolean; changed: boolean }>(hub, 'POST', `/accounts/${stranger.address}/roles`, { token: opToken, json: { role: 'requester' } });
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ roles: ['annotator', 'requester'], signedInBefore: false, changed: true });
    expect((await call<{ roles: string[] }>(hub, 'GET', '/auth/me', { token: await signIn(hub, stranger) })).body.roles).toEqual(['annotator', 'requester']);
    expect((await call(hub, 'POST', '/accounts/not-an-address/roles', { token: opToken, json: { role: 'reviewer' } })).status).toBe(400);
  });

  it('keeps a configured requester a requester when the grant is revoked, and says why', async () => {
    const opToken = await signIn(hub, operator);
    const revoked = await call<{ roles: string[]; stillFromConfig: boolean; changed: boolean }>(hub, 'DELETE', `/accounts/${requester.address}/roles`, { token: opToken, json: { role: 'requester' } });
    expect(revoked.body).toMatchObject({ roles: ['annotator', 'requester'], stillFromConfig: true, changed: false });
  });
});
