import { Contract, Wallet, parseUnits } from 'ethers';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY, connectRpc, deployLocalNetwork, startAnvil, type AnvilHandle } from '../../native/chain';
import type { RunningHub } from '../startHub';
import { box, call, createTestTask, signedBatch, signIn, startTestHub } from '../testKit';

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
  }, 120_000);
  afterAll(async () => {
    await hub?.close();
    await anvil?.stop();
  });

  it('rewards the agreeing annotators, posts the root on chain, and the served proof pays the claim', async () => {
    expect(hub.context.config.token).toBe(network.token);
    const reward = parseUnits('5', 18);
    const { taskId } = await createTestTask(hub, await signIn(hub, requester), 2, 3, reward.toString());
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

    const closed = await call<{ epoch: string; root: string; txHash: string; totals: Record<string, string> }>(hub, 'POST', '/epochs/close', { token: await signIn(hub, operator) });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.epoch).toBe('1');
    expect(closed.body.totals).toEqual({
      [annotatorKeys[0]!.address]: (2n * reward).toString(),
      [annotatorKeys[1]!.address]: (2n * reward).toString(),
      [annotatorKeys[2]!.address]: reward.toString(),
    });
    const provider = connectRpc(anvil.rpcUrl);
    try {
      const distributor = new Contract(network.rewards, abi('RewardsDistributor'), provider);
      expect(await distributor.getFunction('merkleRoot')()).toBe(closed.body.root);
      expect(await distributor.getFunction('epoch')()).toBe(1n);
      expect((await provider.getTransactionReceipt(closed.body.txHash))?.status).toBe(1);

      const claimer = annotatorKeys[2]!;
      const served = await call<{ cumulative: string; proof: string[]; root: string; epoch: string; contract: string; chainId: number }>(hub, 'GET', `/rewards/${claimer.address}`);
      expect(served.body).toMatchObject({ cumulative: reward.toString(), root: closed.body.root, epoch: '1', contract: network.rewards, chainId: anvil.chainId });
      const token = new Contract(network.token, abi('TestToken'), provider);
      const before = (await token.getFunction('balanceOf')(claimer.address)) as bigint;
      const tx = await new Contract(network.rewards, abi('RewardsDistributor'), claimer.connect(provider)).getFunction('claim')(
        claimer.address,
        served.body.cumulative,
        served.body.root,
        served.body.proof,
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
