import { Wallet, parseUnits } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_ACCOUNTS, ANVIL_DEPLOYER_KEY, connectRpc, deployLocalNetwork, stakeRegistryAt, startAnvil, testTokenAt, type AnvilHandle } from '../../native/chain';
import { DEFAULT_TIER_TABLE, type TierTable } from '../../core/reputation';
import type { RunningHub } from '../startHub';
import { call, sha, signIn, startChainTestHub, TEST_SCHEMA } from '../testKit';

const GWT = (n: string) => parseUnits(n, 18);

/** Stake alone decides tier 1 here, so the test isolates the stake read. */
const STAKE_LADDER: TierTable = {
  tokenDecimals: 18,
  tiers: [DEFAULT_TIER_TABLE.tiers[0]!, { tier: 1, name: 'trusted', minLower: 0, minScoredItems: 0, minStake: GWT('100'), taskLevel: 1, reviewer: false }],
};

describe('stake-based tiers read from the StakeRegistry (anvil)', () => {
  let anvil: AnvilHandle;
  let hub: RunningHub;
  let network: Awaited<ReturnType<typeof deployLocalNetwork>>;
  const requester = Wallet.createRandom();
  const staker = new Wallet(ANVIL_ACCOUNTS[2].privateKey);

  beforeAll(async () => {
    anvil = await startAnvil({ port: 0 });
    network = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY);
    hub = await startChainTestHub(anvil, network, { requesters: [requester.address], operators: [], tierTable: STAKE_LADDER });
  }, 120_000);
  afterAll(async () => {
    await hub?.close();
    await anvil?.stop();
  });

  it('unlocks a level-1 task once ACTIVE stake reaches the minimum, and locks it again when stake starts unbonding', async () => {
    expect((await call<{ stakeRegistry: string }>(hub, 'GET', '/config')).body.stakeRegistry).toBe(network.stakeRegistry);
    const created = await call<{ taskId: string }>(hub, 'POST', '/tasks', {
      token: await signIn(hub, requester),
      json: { title: 'staked', labelSchema: TEST_SCHEMA, redundancy: 1, rewardPerItem: '1', level: 1, items: [{ sha256: sha(77_001), fileName: 's.jpg', width: 10, height: 10 }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const assign = async () => call<{ error?: string; items?: unknown[] }>(hub, 'POST', `/tasks/${created.body.taskId}/assignments`, { token, json: { count: 1 } });
    const token = await signIn(hub, staker);

    const before = await call<{ stake: string; tier: { tier: number }; nextTier: { needs: { text: string }[] } }>(hub, 'GET', `/reputation/${staker.address}`);
    expect(before.body).toMatchObject({ stake: '0', tier: { tier: 0 } });
    expect(before.body.nextTier.needs.map((n) => n.text)).toEqual(['stake 0 → 100 tokens']);
    expect((await assign()).body.error).toBe('tier_too_low');

    const provider = connectRpc(anvil.rpcUrl);
    try {
      const operator = new Wallet(ANVIL_DEPLOYER_KEY, provider);
      const me = staker.connect(provider);
      await (await testTokenAt(network.token, operator).mint(staker.address, GWT('1000'))).wait();
      await (await testTokenAt(network.token, me).approve(network.stakeRegistry, GWT('1000'))).wait();
      await (await stakeRegistryAt(network.stakeRegistry, me).stake(GWT('100'))).wait();
      const staked = await call<{ stake: string; tier: { tier: number } }>(hub, 'GET', `/reputation/${staker.address}`);
      expect(staked.body).toMatchObject({ stake: GWT('100').toString(), tier: { tier: 1 } });
      const got = await assign();
      expect(got.status, JSON.stringify(got.body)).toBe(200);
      expect(got.body.items).toHaveLength(1);

      // Unbonding stake is still slashable but no longer counts for tiers.
      await (await stakeRegistryAt(network.stakeRegistry, me).requestUnstake(GWT('1'))).wait();
      const unbonding = await call<{ stake: string; tier: { tier: number } }>(hub, 'GET', `/reputation/${staker.address}`);
      expect(unbonding.body).toMatchObject({ stake: GWT('99').toString(), tier: { tier: 0 } });
      expect((await assign()).body.error).toBe('tier_too_low');
    } finally {
      provider.destroy();
    }
  });
});
