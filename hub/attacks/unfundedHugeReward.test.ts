import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../startHub';
import { call, sha, signIn, startTestHub, TEST_SCHEMA } from '../testKit';
import { UINT256_MAX } from '../tasks/taskLimits';

/**
 * The attack (issue 11): a task promising 10^60 wei per item was accepted.
 * Nothing funds such a promise, and once its rewards enter the cumulative
 * totals every later epoch carries a number no pool can pay — past 2^256 − 1
 * not even one the contract can hold. Every amount is now a positive whole
 * number of wei and the most a task can ever cost (k annotators per item at
 * the highest multiplier, plus the reviewer fee) must stay under the hub's
 * cap (`maxTaskBudgetWei`, tasks/taskLimits.ts).
 */
describe('attack: a task promises rewards nothing can fund', () => {
  let hub: RunningHub;
  let token: string;
  const requester = Wallet.createRandom();
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ sha256: sha(i + 1 + Math.floor(Math.random() * 1e9) * 100_000), fileName: `${i}.jpg`, width: 8, height: 8 }));
  const publish = (patch: Record<string, unknown>) =>
    call<{ error: string; message: string }>(hub, 'POST', '/tasks', { token, json: { title: 'greedy', labelSchema: TEST_SCHEMA, redundancy: 3, rewardPerItem: '1000', items: items(2), ...patch } });
  const stored = async () => (await hub.context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tasks'))[0]!.n;

  beforeAll(async () => {
    // A small cap, as an operator would set with MAX_TASK_BUDGET_WEI: 10^6 wei per task.
    hub = await startTestHub({ requesters: [requester.address], operators: [], maxTaskBudgetWei: '1000000' });
    token = await signIn(hub, requester);
  }, 60_000);
  afterAll(async () => hub?.close());

  it('refuses 10^60 wei per item, 2^256 and anything whose total could pass the cap; stores nothing', async () => {
    const huge = await publish({ rewardPerItem: (10n ** 60n).toString() });
    expect(huge.status).toBe(400);
    expect(huge.body.error).toBe('budget_too_large');
    expect(huge.body.message).toContain('above this hub\'s cap of 1000000 wei');

    expect((await publish({ rewardPerItem: (UINT256_MAX + 1n).toString() })).body.error).toBe('budget_too_large');
    expect((await publish({ rewardPerItem: (10n ** 78n).toString() })).body.error).toBe('invalid_body');
    expect((await publish({ rewardPerItem: UINT256_MAX.toString() })).body.error).toBe('budget_too_large');
    expect((await publish({ rewardPerItem: '1', reviewerFee: (10n ** 77n).toString() })).body.error).toBe('budget_too_large');
    // Each number small, the product not: 150,001 wei per item at 1.5 × 1 annotator × … items.
    expect((await publish({ redundancy: 1, rewardPerItem: '100000', items: items(7) })).body.error).toBe('budget_too_large');
    expect(await stored()).toBe(0);
  });

  it('takes a task exactly at the cap, and names the figures when one wei more would pass it', async () => {
    // 2 items × (1 annotator × 333,333 × 1.5 rounded up = 500,000) = 1,000,000.
    expect((await publish({ redundancy: 1, rewardPerItem: '333333' })).status).toBe(201);
    const over = await publish({ redundancy: 1, rewardPerItem: '333334' });
    expect(over.body.error).toBe('budget_too_large');
    expect(over.body.message).toContain('could cost 1000002 wei');
  });

  it('refuses to start with a cap that is not a whole number of wei below 2^256', async () => {
    await expect(startTestHub({ requesters: [], operators: [], maxTaskBudgetWei: (UINT256_MAX + 1n).toString() })).rejects.toThrow(/maxTaskBudgetWei/);
    await expect(startTestHub({ requesters: [], operators: [], maxTaskBudgetWei: '0' })).rejects.toThrow(/maxTaskBudgetWei/);
    // Two hub start-ups (each opens its database before the check): a hook's budget, not a test's, on a loaded machine.
  }, 180_000);
});
