import { Contract, Wallet, parseUnits } from 'ethers';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY, connectRpc, deployLocalNetwork, startAnvil, type AnvilHandle } from '../../native/chain';
import type { RunningHub } from '../startHub';
import { box, call, sha, signIn, startChainTestHub, TEST_SCHEMA } from '../testKit';
import { labelTask, signedVerdict } from '../verdicts/verdictTestKit';
import { multipliedReward } from './epochPayouts';
import { fundTask, servedProof } from './epochTestKit';

const abi = (name: string) => (JSON.parse(readFileSync(new URL(`../../contracts/artifacts/${name}.json`, import.meta.url), 'utf8')) as { abi: never }).abi;

describe('epoch payouts with verdicts, reviewer fees and reputation multipliers (anvil)', () => {
  let anvil: AnvilHandle;
  let hub: RunningHub;
  let network: Awaited<ReturnType<typeof deployLocalNetwork>>;
  const operator = new Wallet(ANVIL_DEPLOYER_KEY);
  const requester = Wallet.createRandom();
  const wallets = [ANVIL_ACCOUNTS[2], ANVIL_ACCOUNTS[3], ANVIL_ACCOUNTS[4]].map((a) => new Wallet(a.privateKey));
  const reviewer = new Wallet(ANVIL_ACCOUNTS[1].privateKey);
  const reward = parseUnits('5', 18);
  const fee = parseUnits('1', 18);
  let requesterToken: string;
  let operatorToken: string;
  let annotators: { wallet: Wallet; token: string }[];

  async function task(itemCount: number): Promise<string> {
    const res = await call<{ taskId: string; task: string }>(hub, 'POST', '/tasks', {
      token: requesterToken,
      json: {
        title: 'paid review',
        labelSchema: TEST_SCHEMA,
        redundancy: 3,
        rewardPerItem: reward.toString(),
        reviewerFee: fee.toString(),
        items: Array.from({ length: itemCount }, (_, i) => ({ sha256: sha(Math.floor(Math.random() * 1e12) + i), fileName: `p${i}.jpg`, width: 640, height: 480 })),
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // Funded for the highest multiplier on every item, plus the fee.
    await fundTask(hub, res.body.task, BigInt(itemCount) * (2n * 3n * reward + fee));
    return res.body.taskId;
  }

  beforeAll(async () => {
    anvil = await startAnvil({ port: 0 });
    network = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY);
    hub = await startChainTestHub(anvil, network, { operatorKey: ANVIL_DEPLOYER_KEY, requesters: [requester.address], operators: [operator.address] });
    requesterToken = await signIn(hub, requester);
    operatorToken = await signIn(hub, operator);
    annotators = await Promise.all(wallets.map(async (wallet) => ({ wallet, token: await signIn(hub, wallet) })));
    await signIn(hub, reviewer);
    expect((await call(hub, 'POST', `/accounts/${reviewer.address}/roles`, { token: operatorToken, json: { role: 'reviewer' } })).status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await anvil?.stop();
  });

  it('pays agreeing annotators of a verdict-resolved item and the reviewer fee; newcomers at 1×, then at the multiplier their record earned', async () => {
    const [a0, a1, a2] = wallets.map((w) => w.address) as [string, string, string];
    const first = await task(2);
    // Item 0: all agree (accepted). Item 1: nobody agrees (disputed); the reviewer sides with annotator 0.
    const items = await labelTask(hub, first, annotators, 2, (a, k) => (k === 0 ? [box('car', 10, 10)] : [[box('car', 10, 10)], [box('person', 10, 10)], [box('car', 300, 300)]][a]!));
    const verdict = await call(hub, 'POST', '/verdicts', { token: await signIn(hub, reviewer), json: await signedVerdict(hub, reviewer, first, items[1]!, [box('car', 10, 10)]) });
    expect(verdict.status, JSON.stringify(verdict.body)).toBe(200);

    const epoch1 = await call<{ epoch: string; totals: Record<string, string>; rewardedItems: number; root: string }>(hub, 'POST', '/epochs/close', { token: operatorToken });
    expect(epoch1.status, JSON.stringify(epoch1.body)).toBe(200);
    expect(epoch1.body.rewardedItems).toBe(2);
    // Everyone entered epoch 1 as a newcomer (mean 0.5 → 1×): amounts are the plain rewards.
    expect(epoch1.body.totals).toEqual({ [a0]: (2n * reward).toString(), [a1]: reward.toString(), [a2]: reward.toString(), [reviewer.address]: fee.toString() });

    // The reviewer claims the fee on chain with the served proof.
    const provider = connectRpc(anvil.rpcUrl);
    try {
      const served = await servedProof(hub, reviewer.address);
      expect(served.cumulative).toBe(fee.toString());
      const [claim] = served.claims;
      const token = new Contract(network.token, abi('TestToken'), provider);
      const before = (await token.getFunction('balanceOf')(reviewer.address)) as bigint;
      const tx = await new Contract(network.rewards, abi('RewardsDistributor'), reviewer.connect(provider)).getFunction('claim')(claim!.task, reviewer.address, claim!.cumulative, served.root, claim!.proof);
      expect((await tx.wait())?.status).toBe(1);
      expect(((await token.getFunction('balanceOf')(reviewer.address)) as bigint) - before).toBe(fee);
    } finally {
      provider.destroy();
    }

    // Epoch 2 pays at the rate each record stood at when epoch 1 closed:
    // a0 agreed twice → Beta(4,2), mean 2/3 → 1.1667×; a1 and a2 once each → Beta(3,3), mean 0.5 → 1×.
    const rep0 = (await call<{ overall: { alpha: number; beta: number } }>(hub, 'GET', `/reputation/${a0}`)).body.overall;
    expect(rep0).toMatchObject({ alpha: 4, beta: 2 });
    const second = await task(1);
    await labelTask(hub, second, annotators, 1, () => [box('person', 50, 50)]);
    const epoch2 = await call<{ totals: Record<string, string> }>(hub, 'POST', '/epochs/close', { token: operatorToken });
    expect(epoch2.status, JSON.stringify(epoch2.body)).toBe(200);
    const boosted = (reward * 1_166_667n) / 1_000_000n;
    expect(multipliedReward(reward, 0.5 + 4 / 6)).toBe(boosted);
    expect(epoch2.body.totals).toEqual({
      [a0]: (2n * reward + boosted).toString(),
      [a1]: (2n * reward).toString(),
      [a2]: (2n * reward).toString(),
      [reviewer.address]: fee.toString(),
    });
  });
});
