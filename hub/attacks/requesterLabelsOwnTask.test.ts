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
});
