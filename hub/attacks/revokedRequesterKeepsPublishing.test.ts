import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnPostgres } from '../db/testPostgres';
import type { RunningHub } from '../startHub';
import { call, sha, signIn, startTestHub, TEST_SCHEMA } from '../testKit';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** `npm run hub -- <args>` as an operator runs it: a separate process on the same database. */
function hubCommand(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.join(repoRoot, 'node_modules/.bin/tsx'), ['hub/main.ts', ...args], { cwd: repoRoot, env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const taskBody = () => ({ title: 'after revocation', labelSchema: TEST_SCHEMA, redundancy: 1, rewardPerItem: '1000', items: [{ sha256: sha(Math.floor(Math.random() * 1e12)), fileName: 'a.jpg', width: 10, height: 10 }] });

/**
 * The attack: a requester whose role was revoked (a client who stopped
 * paying, a leaked key) keeps publishing tasks with the session they
 * already hold, for as long as it lives. Granted roles live in the
 * database and are read at every request: `npm run hub -- revoke` on the
 * running hub's database takes the role away on the very next request,
 * and `grant` gives it without a restart or a new sign-in.
 */
describeOnPostgres('attack: a revoked requester keeps publishing with the session they hold', (databaseUrl) => {
  let hub: RunningHub;
  const operator = Wallet.createRandom();
  const client = Wallet.createRandom();
  let env: Record<string, string>;

  beforeAll(async () => {
    hub = await startTestHub({ databaseUrl: databaseUrl(), requesters: [], operators: [operator.address] });
    env = { DATABASE_URL: databaseUrl(), CHAIN_ID: '31337', REWARDS_CONTRACT: hub.context.config.rewardsContract, REQUESTERS: '', OPERATORS: operator.address };
  }, 120_000);
  afterAll(async () => hub?.close(), 120_000);

  it('grant and revoke from the command line apply to the live session at its next request', async () => {
    const token = await signIn(hub, client);
    expect((await call(hub, 'POST', '/tasks', { token, json: taskBody() })).status).toBe(403);

    const granted = await hubCommand(['grant', 'requester', client.address.toLowerCase()], env);
    expect(granted.stderr).toBe('');
    expect(granted.code).toBe(0);
    expect(granted.stdout).toContain(`${client.address}: requester granted; roles now annotator, requester`);
    expect((await call<{ roles: string[] }>(hub, 'GET', '/auth/me', { token })).body.roles).toEqual(['annotator', 'requester']);
    expect((await call(hub, 'POST', '/tasks', { token, json: taskBody() })).status).toBe(201);

    const revoked = await hubCommand(['revoke', 'requester', client.address], env);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('requester revoked; roles now annotator');
    const refused = await call<{ error: string }>(hub, 'POST', '/tasks', { token, json: taskBody() });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('forbidden');
    expect((await call(hub, 'PUT', `/media/${sha(1)}`, { token, body: Buffer.from('x') })).status).toBe(403);
  }, 180_000);

  it('the command refuses the operator role and a malformed address, changing nothing', async () => {
    const operatorGrant = await hubCommand(['grant', 'operator', client.address], env);
    expect(operatorGrant.code).not.toBe(0);
    expect(operatorGrant.stderr).toContain('invalid_role');
    const badAddress = await hubCommand(['grant', 'requester', '0x1234'], env);
    expect(badAddress.code).not.toBe(0);
    expect(badAddress.stderr).toContain('invalid_address');
    const [row] = await hub.context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM role_grants WHERE address = $1', [client.address]);
    expect(row!.n).toBe(0);
  }, 180_000);
});
