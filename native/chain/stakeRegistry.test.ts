import { ContractFactory, Interface, Wallet, ZeroAddress, ZeroHash, id, keccak256, parseUnits, toUtf8Bytes } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANVIL_ACCOUNTS } from './defaultAccounts';
import { loadArtifact } from './loadArtifact';
import { testTokenAt } from './rewardsContracts';
import { stakeRegistryAt, type StakeRegistryContract } from './stakeContracts';
import { expectRevert } from './testSupport/expectRevert';
import { mined, startLocalChain, type Deployment, type LocalChain } from './testSupport/localChain';

const SLASHER_ROLE = id('SLASHER_ROLE');
const WEEK = 7 * 24 * 3600;
const GWT = (n: string) => parseUnits(n, 18);
const evidence = (text: string) => keccak256(toUtf8Bytes(text));

let chain: LocalChain;
const abi = new Interface(loadArtifact('StakeRegistry').abi);
beforeAll(async () => {
  chain = await startLocalChain();
});
afterAll(async () => {
  await chain?.stop();
});

interface Setup {
  d: Deployment;
  /** The staker (anvil account 2) and the registry as it sees it. */
  staker: Wallet;
  asStaker: StakeRegistryContract;
  /** The registry as the operator (slasher and treasury) sees it. */
  asSlasher: StakeRegistryContract;
}

/** A fresh deployment with a one-week unbonding period and `staked` already staked by account 2. */
async function withStake(staked = GWT('100')): Promise<Setup> {
  const d = await chain.deploy({ unbondingPeriod: WEEK });
  const staker = new Wallet(ANVIL_ACCOUNTS[2].privateKey, chain.provider);
  await mined(testTokenAt(d.token, chain.operator).mint(staker.address, GWT('1000')));
  await mined(testTokenAt(d.token, staker).approve(d.stakeRegistry, GWT('1000')));
  const asStaker = stakeRegistryAt(d.stakeRegistry, staker);
  if (staked > 0n) await mined(asStaker.stake(staked));
  return { d, staker, asStaker, asSlasher: stakeRegistryAt(d.stakeRegistry, chain.operator) };
}

async function stakeOf(s: Setup) {
  const [active, unbonding, availableAt] = await s.asStaker.stakeOf(s.staker.address);
  return { active, unbonding, availableAt };
}

function eventsOf(receipt: { logs: readonly unknown[] }, name: string) {
  return receipt.logs.map((l) => abi.parseLog(l as never)).filter((l) => l?.name === name).map((l) => [...l!.args]);
}

async function blockTime(receipt: { blockNumber: number }): Promise<bigint> {
  const block = await chain.provider.getBlock(receipt.blockNumber);
  return BigInt(block!.timestamp);
}

async function advance(seconds: number) {
  await chain.provider.send('evm_increaseTime', [seconds]);
  await chain.provider.send('evm_mine', []);
}

describe('StakeRegistry on anvil', () => {
  it('stakes through transferFrom, adds up, and emits Staked with the new active total', async () => {
    const s = await withStake(0n);
    const first = await mined(s.asStaker.stake(GWT('60')));
    const second = await mined(s.asStaker.stake(GWT('40')));
    expect(await stakeOf(s)).toEqual({ active: GWT('100'), unbonding: 0n, availableAt: 0n });
    expect(await s.d.tokenContract.balanceOf(s.d.stakeRegistry)).toBe(GWT('100'));
    expect(await s.d.tokenContract.balanceOf(s.staker.address)).toBe(GWT('900'));
    expect(eventsOf(first, 'Staked')).toEqual([[s.staker.address, GWT('60'), GWT('60')]]);
    expect(eventsOf(second, 'Staked')).toEqual([[s.staker.address, GWT('40'), GWT('100')]]);
    await expectRevert(abi, s.asStaker.stake(0), 'ZeroAmount');
  });

  it('gives the constructor roles and reports token, treasury and period', async () => {
    const s = await withStake(0n);
    expect(await s.asStaker.hasRole(SLASHER_ROLE, chain.operator.address)).toBe(true);
    expect(await s.asStaker.hasRole(SLASHER_ROLE, s.staker.address)).toBe(false);
    expect(await s.asStaker.treasury()).toBe(chain.operator.address);
    expect(await s.asStaker.token()).toBe(s.d.token);
    expect(await s.asStaker.unbondingPeriod()).toBe(BigInt(WEEK));
    const artifact = loadArtifact('StakeRegistry');
    const factory = new ContractFactory(artifact.abi, artifact.bytecode, chain.operator);
    await expectRevert(abi, factory.deploy(s.d.token, chain.operator.address, chain.operator.address, ZeroAddress, WEEK), 'ZeroAddress');
  });

  it('moves active stake to unbonding with availableAt = now + period; a second request merges and restarts the clock', async () => {
    const s = await withStake();
    const first = await mined(s.asStaker.requestUnstake(GWT('30')));
    const firstAt = (await blockTime(first)) + BigInt(WEEK);
    expect(await stakeOf(s)).toEqual({ active: GWT('70'), unbonding: GWT('30'), availableAt: firstAt });
    expect(eventsOf(first, 'UnstakeRequested')).toEqual([[s.staker.address, GWT('30'), GWT('30'), firstAt]]);
    await advance(3600);
    const second = await mined(s.asStaker.requestUnstake(GWT('20')));
    const secondAt = (await blockTime(second)) + BigInt(WEEK);
    expect(secondAt).toBeGreaterThanOrEqual(firstAt + 3600n);
    expect(await stakeOf(s)).toEqual({ active: GWT('50'), unbonding: GWT('50'), availableAt: secondAt });
    await expectRevert(abi, s.asStaker.requestUnstake(GWT('51')), 'InsufficientActiveStake', [GWT('50'), GWT('51')]);
    await expectRevert(abi, s.asStaker.requestUnstake(0), 'ZeroAmount');
  });

  it('refuses a withdraw before the period and pays the whole unbonding amount after it', async () => {
    const s = await withStake();
    await expectRevert(abi, s.asStaker.withdraw(), 'NothingToWithdraw');
    await mined(s.asStaker.requestUnstake(GWT('40')));
    const { availableAt } = await stakeOf(s);
    await expectRevert(abi, s.asStaker.withdraw(), 'StillUnbonding', [availableAt]);
    await advance(WEEK - 120);
    await expectRevert(abi, s.asStaker.withdraw(), 'StillUnbonding', [availableAt]);
    await advance(120);
    const receipt = await mined(s.asStaker.withdraw());
    expect(eventsOf(receipt, 'Withdrawn')).toEqual([[s.staker.address, GWT('40')]]);
    expect(await stakeOf(s)).toEqual({ active: GWT('60'), unbonding: 0n, availableAt: 0n });
    expect(await s.d.tokenContract.balanceOf(s.staker.address)).toBe(GWT('940'));
    expect(await s.d.tokenContract.balanceOf(s.d.stakeRegistry)).toBe(GWT('60'));
    await expectRevert(abi, s.asStaker.withdraw(), 'NothingToWithdraw');
  });

  it('lets only the slasher slash', async () => {
    const s = await withStake();
    await expectRevert(abi, s.asStaker.slash(s.staker.address, GWT('1'), evidence('self')), 'AccessControlUnauthorizedAccount', [s.staker.address, SLASHER_ROLE]);
    expect((await stakeOf(s)).active).toBe(GWT('100'));
  });

  it('slashes active stake to the treasury and logs the evidence hash', async () => {
    const s = await withStake();
    const treasuryBefore = await s.d.tokenContract.balanceOf(chain.operator.address);
    const hash = evidence('batch 0xabc: copied labels');
    const receipt = await mined(s.asSlasher.slash(s.staker.address, GWT('25'), hash));
    expect(eventsOf(receipt, 'Slashed')).toEqual([[s.staker.address, GWT('25'), hash, GWT('25'), 0n]]);
    expect(await stakeOf(s)).toEqual({ active: GWT('75'), unbonding: 0n, availableAt: 0n });
    expect(await s.d.tokenContract.balanceOf(chain.operator.address)).toBe(treasuryBefore + GWT('25'));
    expect(await s.d.tokenContract.balanceOf(s.d.stakeRegistry)).toBe(GWT('75'));
  });

  it('slashes during unbonding: active first, then unbonding; the withdraw pays what is left', async () => {
    const s = await withStake();
    await mined(s.asStaker.requestUnstake(GWT('80')));
    const { availableAt } = await stakeOf(s);
    const hash = evidence('honeypot failures while leaving');
    const receipt = await mined(s.asSlasher.slash(s.staker.address, GWT('50'), hash));
    expect(eventsOf(receipt, 'Slashed')).toEqual([[s.staker.address, GWT('50'), hash, GWT('20'), GWT('30')]]);
    expect(await stakeOf(s)).toEqual({ active: 0n, unbonding: GWT('50'), availableAt });
    await advance(WEEK);
    await mined(s.asStaker.withdraw());
    expect(await s.d.tokenContract.balanceOf(s.staker.address)).toBe(GWT('950'));
    expect(await s.d.tokenContract.balanceOf(s.d.stakeRegistry)).toBe(0n);
  });

  it('clears availableAt when a slash takes the whole unbonding amount', async () => {
    const s = await withStake();
    await mined(s.asStaker.requestUnstake(GWT('100')));
    await mined(s.asSlasher.slash(s.staker.address, GWT('100'), evidence('all of it')));
    expect(await stakeOf(s)).toEqual({ active: 0n, unbonding: 0n, availableAt: 0n });
    await expectRevert(abi, s.asStaker.withdraw(), 'NothingToWithdraw');
  });

  it('reverts (does not cap) a slash above the stake, and refuses zero amounts and zero evidence', async () => {
    const s = await withStake();
    await mined(s.asStaker.requestUnstake(GWT('30')));
    await expectRevert(abi, s.asSlasher.slash(s.staker.address, GWT('100') + 1n, evidence('too much')), 'SlashExceedsStake', [GWT('100'), GWT('100') + 1n]);
    await expectRevert(abi, s.asSlasher.slash(Wallet.createRandom().address, 1n, evidence('no stake')), 'SlashExceedsStake', [0n, 1n]);
    await expectRevert(abi, s.asSlasher.slash(s.staker.address, 0, evidence('nothing')), 'ZeroAmount');
    await expectRevert(abi, s.asSlasher.slash(s.staker.address, GWT('1'), ZeroHash), 'ZeroEvidence');
    expect(await stakeOf(s)).toMatchObject({ active: GWT('70'), unbonding: GWT('30') });
  });
});
