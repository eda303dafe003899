import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnvil, type AnvilHandle, type LocalNetwork } from '../../../../native/chain';
import { startChainWithContracts } from './chainFixture';
import { groundworkConfig, startHostileHub, type HostileHub } from './hostileHub';
import { workstationUnderTest } from './workstationUnderTest';

// The RPC the workstation would read and send through serves another chain
// than the hub's (a hub's suggestion, the user's typo, or an endpoint that
// changed): refused before any read, transaction or claim.
let anvil: AnvilHandle;
let chain: LocalNetwork;
let otherChain: AnvilHandle;
let hostile: HostileHub;
let ws: ReturnType<typeof workstationUnderTest>;

beforeAll(async () => {
  ({ anvil, chain } = await startChainWithContracts());
  try {
    otherChain = await startAnvil({ chainId: 4242 });
    hostile = await startHostileHub({});
  } catch (error) {
    await otherChain?.stop();
    await anvil.stop();
    throw error;
  }
  ws = workstationUnderTest();
}, 180_000);

afterAll(async () => {
  await ws?.dispose();
  await hostile?.close();
  await otherChain?.stop();
  await anvil?.stop();
});

const config = (rpcUrl?: string) => groundworkConfig(hostile.url, { chainId: chain.chainId, rewardsContract: chain.rewards, token: chain.token, stakeRegistry: chain.stakeRegistry, rpcUrl });

describe('attack: an RPC of another chain', () => {
  it('refuses a hub-suggested RPC of another chain, naming both chain ids', async () => {
    hostile.config = config(otherChain.rpcUrl);
    await expect(ws.hub.connect({ hubUrl: hostile.url, makeDefault: false })).rejects.toMatchObject({
      message: expect.stringMatching(/serves chain 4242, but the hub's chain is 31337/),
      details: { code: 'wrong-chain', rpcChainId: 4242, hubChainId: 31337 },
    });
    expect(await ws.registry.get(hostile.url)).toBeNull();
  });

  it('refuses a user-given RPC of another chain too, and lets the user\'s right one win over the hub\'s suggestion', async () => {
    await expect(ws.hub.connect({ hubUrl: hostile.url, rpcUrl: otherChain.rpcUrl, makeDefault: false })).rejects.toMatchObject({ details: { code: 'wrong-chain' } });
    const ok = await ws.hub.connect({ hubUrl: hostile.url, rpcUrl: anvil.rpcUrl, makeDefault: false });
    expect(ok).toMatchObject({ status: 'needs-confirmation', proposal: { rpcSource: 'user', config: { rpcUrl: anvil.rpcUrl } } });
  });

  it('shows a hub-suggested RPC of the right chain for confirmation instead of using it silently', async () => {
    hostile.config = config(anvil.rpcUrl);
    const suggested = await ws.hub.connect({ hubUrl: hostile.url, makeDefault: false });
    expect(suggested).toMatchObject({ status: 'needs-confirmation', proposal: { rpcSource: 'hub', config: { rpcUrl: anvil.rpcUrl } } });
    expect(await ws.registry.get(hostile.url)).toBeNull();
  });

  it('refuses rewards and stake reads over a pinned RPC that now serves another chain, before asking the hub', async () => {
    // As if the endpoint behind the pinned URL moved to another chain after the user trusted it.
    await ws.registry.remember(hostile.url, { chainId: chain.chainId, rewardsContract: chain.rewards, token: chain.token, stakeRegistry: chain.stakeRegistry, rpcUrl: otherChain.rpcUrl });
    const before = hostile.requests.length;
    await expect(ws.rewards.get({ hubUrl: hostile.url })).rejects.toMatchObject({ details: { code: 'wrong-chain', rpcChainId: 4242 } });
    await expect(ws.rewards.claim({ hubUrl: hostile.url })).rejects.toMatchObject({ details: { code: 'wrong-chain' } });
    await expect(ws.stake.get({ hubUrl: hostile.url })).rejects.toMatchObject({ details: { code: 'wrong-chain' } });
    expect(hostile.requests.length).toBe(before);
    expect(ws.signed).toEqual([]);
  });
});
