import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_DEPLOYER_KEY, deployLocalNetwork, type AnvilHandle, type LocalNetwork } from '../../../../native/chain';
import { startChainWithContracts } from './chainFixture';
import { groundworkConfig, startHostileHub, type HostileHub } from './hostileHub';
import { workstationUnderTest } from './workstationUnderTest';

// After the user trusted a hub, it starts announcing other contracts (a second
// deployment on the same chain: its own token, distributor and registry), so
// that batches get signed for its contract and staking approves its token.
let anvil: AnvilHandle;
let honest: LocalNetwork;
let swapped: LocalNetwork;
let hostile: HostileHub;
let ws: ReturnType<typeof workstationUnderTest>;

const announce = (n: LocalNetwork) => groundworkConfig(hostile.url, { chainId: n.chainId, rewardsContract: n.rewards, token: n.token, stakeRegistry: n.stakeRegistry });

beforeAll(async () => {
  ({ anvil, chain: honest } = await startChainWithContracts());
  try {
    swapped = await deployLocalNetwork(anvil.rpcUrl, ANVIL_DEPLOYER_KEY);
    hostile = await startHostileHub({});
  } catch (error) {
    await anvil.stop();
    throw error;
  }
  ws = workstationUnderTest();
}, 180_000);

afterAll(async () => {
  await ws?.dispose();
  await hostile?.close();
  await anvil?.stop();
});

describe('attack: the hub swaps its rewards contract, token and stake registry after it was trusted', () => {
  it('proposes the checked values on first use and pins them only when the user confirms', async () => {
    hostile.config = announce(honest);
    const first = await ws.hub.connect({ hubUrl: hostile.url, rpcUrl: anvil.rpcUrl, makeDefault: false });
    expect(first.status).toBe('needs-confirmation');
    if (first.status !== 'needs-confirmation') return;
    expect(first.proposal).toMatchObject({
      siweDomain: new URL(hostile.url).host,
      rpcSource: 'user',
      changes: [],
      config: { chainId: honest.chainId, rewardsContract: honest.rewards, token: honest.token, stakeRegistry: honest.stakeRegistry, rpcUrl: anvil.rpcUrl },
    });
    expect(first.proposal.checks.map((c) => [c.check, c.status])).toEqual([
      ['rpc-chain', 'ok'],
      ['rewards-code', 'ok'],
      ['token-code', 'ok'],
      ['stake-registry-code', 'ok'],
      ['rewards-token', 'ok'],
      ['stake-registry-token', 'ok'],
    ]);
    expect(await ws.registry.get(hostile.url)).toBeNull();
    await expect(ws.hub.prepareBatch({ hubUrl: hostile.url, taskId: 't', items: [{ itemId: 'a', shapes: [] }] })).rejects.toMatchObject({ details: { code: 'untrusted-hub' } });

    const info = await ws.hub.confirmTrust({ hubUrl: hostile.url, proposalId: first.proposal.proposalId });
    expect(info.config).toMatchObject({ rewardsContract: honest.rewards, token: honest.token, stakeRegistry: honest.stakeRegistry, rpcUrl: anvil.rpcUrl });
    await expect(ws.hub.confirmTrust({ hubUrl: hostile.url, proposalId: first.proposal.proposalId })).rejects.toMatchObject({ details: { code: 'unknown-proposal' } });
    expect(await ws.hub.connect({ hubUrl: hostile.url, makeDefault: false })).toMatchObject({ status: 'trusted', info: { config: { rewardsContract: honest.rewards } } });
  });

  it('refuses the swapped values (old → new) until the user confirms them again', async () => {
    hostile.config = announce(swapped);
    // Sign-in reads the live /config: refused, listing every changed value, nothing signed.
    const refused = await ws.hub.signIn({ hubUrl: hostile.url }).then(() => null, (e: unknown) => e as Error & { details: { code: string } });
    expect(refused?.details.code).toBe('hub-config-changed');
    for (const field of ['rewardsContract', 'token', 'stakeRegistry'] as const) {
      const key = field === 'rewardsContract' ? 'rewards' : field;
      expect(refused?.message).toContain(`${field} ${honest[key]} → ${swapped[key]}`);
    }
    expect(ws.signed).toEqual([]);

    // Everything signed or staked offline still uses the pinned values.
    const { summary } = await ws.hub.prepareBatch({ hubUrl: hostile.url, taskId: 't', items: [{ itemId: 'a', shapes: [] }] });
    expect(summary.verifyingContract).toBe(honest.rewards);
    expect(await ws.stake.get({ hubUrl: hostile.url })).toMatchObject({ registry: honest.stakeRegistry, token: honest.token });
    await expect(ws.stake.get({ hubUrl: hostile.url, registry: swapped.stakeRegistry })).rejects.toMatchObject({ details: { code: 'no-registry' } });

    // Connecting again asks, with old → new; nothing changes until confirmed.
    const again = await ws.hub.connect({ hubUrl: hostile.url, makeDefault: false });
    expect(again.status).toBe('needs-confirmation');
    if (again.status !== 'needs-confirmation') return;
    expect(again.proposal.changes).toEqual([
      { field: 'rewardsContract', old: honest.rewards, new: swapped.rewards },
      { field: 'token', old: honest.token, new: swapped.token },
      { field: 'stakeRegistry', old: honest.stakeRegistry, new: swapped.stakeRegistry },
    ]);
    expect((await ws.registry.get(hostile.url))!.config.rewardsContract).toBe(honest.rewards);

    await ws.hub.confirmTrust({ hubUrl: hostile.url, proposalId: again.proposal.proposalId });
    expect((await ws.registry.get(hostile.url))!.config).toMatchObject({ rewardsContract: swapped.rewards, token: swapped.token, stakeRegistry: swapped.stakeRegistry, rpcUrl: anvil.rpcUrl });
    await ws.hub.signIn({ hubUrl: hostile.url });
    expect(ws.signed).toEqual(['signMessage']);
  });
});
