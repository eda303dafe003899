import { Contract, Wallet, parseUnits } from 'ethers';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY, connectRpc, deployLocalNetwork, startAnvil, type AnvilHandle } from '../../native/chain';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, signedBatch, signIn, startTestHub } from '../testKit';
import { fundTask } from './epochTestKit';

const abi = (name: string) => (JSON.parse(readFileSync(new URL(`../../contracts/artifacts/${name}.json`, import.meta.url), 'utf8')) as { abi: never }).abi;

describe('epoch close on a real local chain (anvil)', () => {
  let anvil: AnvilHandle;
  let hub: RunningHub;
  let network: Awaited<ReturnType<typeof deployLocalNetwork>>;
  const operator = new Wallet(ANVIL_DEPLOYER_KEY);
  const requester = Wallet.createRandom();
  const annotatorKeys = [ANVIL_ACCOUNTS[2], ANVIL_ACCOUNTS[3], ANVIL_ACCOUNTS[4]].map((a) => new Wallet(a.privateKey));

  beforeAll(async () => {
    anvil = await startAnvil({ port: 0 });
    network = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY);
    hub = await startTestHub({
      chainId: anvil.chainId,
      rewardsContract: network.rewards,
      token: undefined,
      rpcUrl: anvil.rpcUrl,
      operatorKey: ANVIL_DEPLOYER_KEY,
      requesters: [requester.address],
      operators: [operator.address],
    });
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await anvil?.stop();
  });

  it('rewards the agreeing annotators within the task’s pool, posts the root and allocation on chain, and the served proof pays the claim', async () => {
    expect(hub.context.config.token).toBe(network.token);
    const reward = parseUnits('5', 18);
    const { taskId, task } = await createTestTask(hub, await signIn(hub, requester), 2, 3, reward.toString());
    const tokens = await Promise.all(annotatorKeys.map((w) => signIn(hub, w)));
    let items: string[] = [];
    for (const [i, w] of annotatorKeys.entries()) {
      const got = await call<{ items: { itemId: string }[] }>(hub, 'POST', `/tasks/${taskId}/assignments`, { token: tokens[i], json: { count: 2 } });
      items = got.body.items.map((it) => it.itemId);
      // The third annotator misses the person on the second item: it earns only the first.
      const shapes = (item: number) => (i === 2 && item === 1 ? [box('car', 10, 10)] : [box('car', 10, 10), box('person', 100, 100)]);
      const signed = await signedBatch(hub, w, taskId, items.map((itemId, k) => ({ itemId, shapes: shapes(k) })));
      expect((await call(hub, 'POST', '/batches', { token: tokens[i], json: signed })).status).toBe(200);
    }
    const denied = await call(hub, 'POST', '/epochs/close', { token: tokens[0] });
    expect(denied.status).toBe(403);
    const operatorToken = await signIn(hub, operator);
    type Closed = { epoch: string; root: string; txHash: string; totals: Record<string, string>; rewardedItems: number; heldForFunds?: { task: string; state: string; heldItems: number }[]; error?: string; message?: string };

    // Nothing deposited: nothing is allocated, and the close says why.
    const unfunded = await call<Closed>(hub, 'POST', '/epochs/close', { token: operatorToken });
    expect(unfunded.status).toBe(409);
    expect(unfunded.body.message).toContain(`${task}: unfunded`);

    // Underfunded: 12 tokens cover the item two annotators agree on (10), not the one all three do (15). That one waits.
    await fundTask(hub, task, parseUnits('12', 18));
    const partial = await call<Closed>(hub, 'POST', '/epochs/close', { token: operatorToken });
    expect(partial.status, JSON.stringify(partial.body)).toBe(200);
    expect(partial.body.rewardedItems).toBe(1);
    expect(partial.body.heldForFunds).toEqual([expect.objectContaining({ task, state: 'open', heldItems: 1, remaining: parseUnits('2', 18).toString() })]);
    expect(partial.body.totals).toEqual({ [annotatorKeys[0]!.address]: reward.toString(), [annotatorKeys[1]!.address]: reward.toString() });
    const pool = await call<{ deposited: string; allocated: string; remaining: string; state: string }>(hub, 'GET', `/pools/${taskId}`);
    expect(pool.body).toMatchObject({ deposited: parseUnits('12', 18).toString(), allocated: parseUnits('10', 18).toString(), remaining: parseUnits('2', 18).toString(), state: 'open' });

    // Topped up: the waiting item is paid at the next close (at the multiplier the first epoch earned).
    await fundTask(hub, task, parseUnits('20', 18));
    const closed = await call<Closed>(hub, 'POST', '/epochs/close', { token: operatorToken });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.epoch).toBe('2');
    expect(closed.body.heldForFunds).toBeUndefined();
    expect(BigInt(closed.body.totals[annotatorKeys[0]!.address]!)).toBeGreaterThan(reward);
    expect(closed.body.totals[annotatorKeys[2]!.address]).toBe(reward.toString());
    const provider = connectRpc(anvil.rpcUrl);
    try {
      const distributor = new Contract(network.rewards, abi('RewardsDistributor'), provider);
      expect(await distributor.getFunction('merkleRoot')()).toBe(closed.body.root);
      expect(await distributor.getFunction('epoch')()).toBe(2n);
      const onChain = (await distributor.getFunction('poolOf')(task)) as bigint[];
      const allocated = Object.values(closed.body.totals).reduce((a, b) => a + BigInt(b), 0n);
      expect([onChain[3], onChain[4]]).toEqual([parseUnits('32', 18), allocated]);
      expect((await provider.getTransactionReceipt(closed.body.txHash))?.status).toBe(1);

      const claimer = annotatorKeys[2]!;
      const served = await call<{ cumulative: string; claims: { task: string; token: string; cumulative: string; proof: string[] }[]; root: string; epoch: string; contract: string; chainId: number }>(hub, 'GET', `/rewards/${claimer.address}`);
      expect(served.body).toMatchObject({ cumulative: reward.toString(), root: closed.body.root, epoch: '2', contract: network.rewards, chainId: anvil.chainId });
      expect(served.body.claims).toEqual([expect.objectContaining({ task, token: network.token, cumulative: reward.toString() })]);
      const token = new Contract(network.token, abi('TestToken'), provider);
      const before = (await token.getFunction('balanceOf')(claimer.address)) as bigint;
      const tx = await new Contract(network.rewards, abi('RewardsDistributor'), claimer.connect(provider)).getFunction('claim')(
        task,
        claimer.address,
        served.body.claims[0]!.cumulative,
        served.body.root,
        served.body.claims[0]!.proof,
      );
      expect((await tx.wait())?.status).toBe(1);
      expect(((await token.getFunction('balanceOf')(claimer.address)) as bigint) - before).toBe(reward);
    } finally {
      provider.destroy();
    }

    const again = await call<{ error: string }>(hub, 'POST', '/epochs/close', { token: await signIn(hub, operator) });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('nothing_to_reward');
    expect((await call<{ cumulative: string }>(hub, 'GET', `/rewards/${Wallet.createRandom().address}`)).body.cumulative).toBe('0');
  });
});
