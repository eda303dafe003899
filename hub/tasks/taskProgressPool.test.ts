import { Wallet, parseUnits } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_DEPLOYER_KEY, deployLocalNetwork, startAnvil, type AnvilHandle } from '../../native/chain';
import { fundTask } from '../epochs/epochTestKit';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, signedBatch, signIn, startTestHub } from '../testKit';

interface Progress {
  spend: { allocated: string; pending: string; committed: string; maxSpend: string };
  pool: { deposited: string; allocated: string; remaining: string; state: string } | null;
  poolError?: string;
  costPerAcceptedItem: string | null;
}

/** The progress view's spend against the task's pool, on a real local chain: funded, labeled, an epoch closed. */
describe("a requester's progress against the task's pool on chain (anvil)", () => {
  let anvil: AnvilHandle;
  let hub: RunningHub;
  const operator = new Wallet(ANVIL_DEPLOYER_KEY);
  const requester = Wallet.createRandom();
  const annotator = Wallet.createRandom();

  beforeAll(async () => {
    anvil = await startAnvil({ port: 0 });
    const network = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY);
    hub = await startTestHub({ chainId: anvil.chainId, rewardsContract: network.rewards, token: undefined, rpcUrl: anvil.rpcUrl, operatorKey: ANVIL_DEPLOYER_KEY, requesters: [requester.address], operators: [operator.address] });
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await anvil?.stop();
  });

  it('shows the deposit, then the epoch’s allocation both in the spend and in the pool', async () => {
    const reward = parseUnits('5', 18);
    const requesterToken = await signIn(hub, requester);
    const { taskId, task } = await createTestTask(hub, requesterToken, 1, 1, reward.toString());
    const progress = async () => (await call<Progress>(hub, 'GET', `/tasks/${taskId}/progress`, { token: requesterToken })).body;
    expect((await progress()).pool).toMatchObject({ state: 'unfunded', deposited: '0' });

    await fundTask(hub, task, parseUnits('12', 18));
    const token = await signIn(hub, annotator);
    const [item] = (await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token, json: { count: 1 } })).body.items;
    expect((await call(hub, 'POST', '/batches', { token, json: await signedBatch(hub, annotator, taskId, [{ itemId: item!.itemId, shapes: [box('car', 10, 10)] }]) })).status).toBe(200);
    await hub.context.consensusIdle();
    const labeled = await progress();
    expect(labeled.pool).toMatchObject({ state: 'open', deposited: parseUnits('12', 18).toString(), allocated: '0' });
    expect(labeled.spend).toMatchObject({ allocated: '0', pending: reward.toString() });

    const closed = await call(hub, 'POST', '/epochs/close', { token: await signIn(hub, operator) });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const after = await progress();
    expect(after.spend).toMatchObject({ allocated: reward.toString(), pending: '0', committed: reward.toString() });
    expect(after.pool).toMatchObject({ allocated: reward.toString(), remaining: parseUnits('7', 18).toString() });
    expect(after.costPerAcceptedItem).toBe(reward.toString());
  }, 120_000);
});
