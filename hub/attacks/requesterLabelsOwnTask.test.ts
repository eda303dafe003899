import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { call, createTestTask, signIn, startTestHub } from '../testKit';

/**
 * A requester labels their own task: paid from their own deposit for
 * labels they chose, and with k − 1 more wallets deciding their own
 * dataset's consensus. The requester's address is never assigned its items.
 */
describe("attack: a requester labels their own task's items", () => {
  let hub: RunningHub;
  const requester = Wallet.createRandom();
  const otherRequester = Wallet.createRandom();

  beforeAll(async () => {
    hub = await startTestHub({ requesters: [requester.address, otherRequester.address], operators: [] });
  }, 120_000);
  afterAll(async () => hub?.close());

  it('answers 403 own_task, assigning nothing; another task is open to them', async () => {
    const token = await signIn(hub, requester);
    const { taskId } = await createTestTask(hub, token, 10, 3);
    const refused = await call<{ error: string; message: string }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: 5 } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('own_task');
    expect(refused.body.message).toContain(taskId);
    const [row] = await hub.context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM assignments WHERE task_id = $1', [taskId]);
    expect(row!.n).toBe(0);

    const { taskId: foreign } = await createTestTask(hub, await signIn(hub, otherRequester), 10, 3);
    const granted = await call<{ items: unknown[] }>(hub, 'POST', `/tasks/${foreign}/assignments`, { token, json: { count: 5 } });
    expect(granted.status).toBe(200);
    expect(granted.body.items).toHaveLength(5);
  });

  it('refuses a requester granted in the database too, whatever the case of the address', async () => {
    const granted = Wallet.createRandom();
    await hub.context.db.query(`INSERT INTO role_grants (address, role, granted_by) VALUES ($1, 'requester', 'test')`, [granted.address]);
    const token = await signIn(hub, granted);
    const { taskId } = await createTestTask(hub, token, 3, 1);
    await hub.context.db.query('UPDATE tasks SET requester = lower(requester) WHERE id = $1', [taskId]);
    expect((await call<{ error: string }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: 1 } })).body.error).toBe('own_task');
  });

  // Not covered, and cannot be: the hub knows addresses, not people. Every work request names its task
  // (POST /tasks/:taskId/assignments is the only way to get items), so the check sees each one — for that address.
  it("assigns the requester's other wallet like any annotator (what reputation, honeypots and stake are for)", async () => {
    const token = await signIn(hub, requester);
    const { taskId } = await createTestTask(hub, token, 4, 1);
    const otherWallet = Wallet.createRandom();
    const got = await call<{ items: unknown[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: await signIn(hub, otherWallet), json: { count: 2 } });
    expect(got.status).toBe(200);
    expect(got.body.items).toHaveLength(2);
  });
});
