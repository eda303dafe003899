import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenHash } from '../auth/roles';
import type { RunningHub } from '../startHub';
import { call, signIn, startTestHub } from '../testKit';

/** A token copied before its owner signed out must die with the logout, not live out its 24 hours. */
describe('attack: a token is replayed after its owner logged out', () => {
  let hub: RunningHub;
  const user = Wallet.createRandom();
  beforeAll(async () => {
    hub = await startTestHub({ requesters: [], operators: [] });
  }, 120_000);
  afterAll(async () => hub?.close(), 120_000);

  it('is refused once POST /auth/logout ended the session; other sessions of the account stay', async () => {
    const stolen = await signIn(hub, user);
    const other = await signIn(hub, user);
    const out = await call(hub, 'POST', '/auth/logout', { token: stolen });
    expect(out).toEqual({ status: 200, body: { loggedOut: true, address: user.address } });
    const replay = await call<{ error: string; message: string }>(hub, 'GET', '/auth/me', { token: stolen });
    expect([replay.status, replay.body.error]).toEqual([401, 'unauthorized']);
    expect(await hub.context.db.query('SELECT 1 FROM sessions WHERE token_hash = $1', [tokenHash(stolen)])).toEqual([]);
    expect((await call(hub, 'GET', '/auth/me', { token: other })).status).toBe(200);
    // Logging out twice: the token is already unknown.
    expect((await call(hub, 'POST', '/auth/logout', { token: stolen })).status).toBe(401);
  });
});
