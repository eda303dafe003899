import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnvilHandle, LocalNetwork } from '../../../../native/chain';
import { startChainWithContracts } from './chainFixture';
import { groundworkConfig, startHostileHub, type HostileHub } from './hostileHub';
import { workstationUnderTest } from './workstationUnderTest';

// A hub announces addresses with nothing deployed there, or contracts that do
// not belong together (a rewards contract paying another token than the one
// announced, a stake registry holding another token than staking would
// approve). Each is refused at connect, naming the address.
let anvil: AnvilHandle;
let chain: LocalNetwork;
let hostile: HostileHub;
let ws: ReturnType<typeof workstationUnderTest>;
const EMPTY = new Wallet(Wallet.createRandom().privateKey).address;

beforeAll(async () => {
  ({ anvil, chain } = await startChainWithContracts());
  try {
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

function announce(patch: Partial<{ rewardsContract: string; token: string | null; stakeRegistry: string | null }>) {
  hostile.config = groundworkConfig(hostile.url, { chainId: chain.chainId, rewardsContract: chain.rewards, token: chain.token, stakeRegistry: chain.stakeRegistry, ...patch });
}
const connect = () => ws.hub.connect({ hubUrl: hostile.url, rpcUrl: anvil.rpcUrl, makeDefault: false });

describe('attack: addresses without code, contracts that do not match', () => {
  it('names the rewards contract, the token or the stake registry that has no code', async () => {
    announce({ rewardsContract: EMPTY });
    await expect(connect()).rejects.toMatchObject({ message: expect.stringContaining(`the rewards contract ${EMPTY} has no code on chain 31337`), details: { code: 'no-code' } });
    announce({ token: EMPTY });
    await expect(connect()).rejects.toMatchObject({ message: expect.stringContaining(`the token ${EMPTY} has no code`) });
    announce({ stakeRegistry: EMPTY });
    await expect(connect()).rejects.toMatchObject({ message: expect.stringContaining(`the stake registry ${EMPTY} has no code`) });
    expect(await ws.registry.get(hostile.url)).toBeNull();
  });

  it('refuses a token the rewards contract does not pay, and a stake registry of another token', async () => {
    // The stake registry has code, but it is not the token the rewards contract pays.
    announce({ token: chain.stakeRegistry });
    await expect(connect()).rejects.toMatchObject({ message: expect.stringContaining(`the rewards contract pays ${chain.token}, not the announced token ${chain.stakeRegistry}`), details: { code: 'token-mismatch' } });
    // A "registry" whose token() is not the pinned token (the distributor answers token() too, but a registry at the token's address does not).
    announce({ stakeRegistry: chain.token });
    await expect(connect()).rejects.toMatchObject({ message: expect.stringContaining(`the stake registry ${chain.token} holds no token()`) });
    expect(ws.signed).toEqual([]);
  });

  it('fills in the token from the rewards contract when the hub names none, checked', async () => {
    announce({ token: null });
    const result = await connect();
    expect(result).toMatchObject({ status: 'needs-confirmation', proposal: { config: { token: chain.token } } });
  });
});
