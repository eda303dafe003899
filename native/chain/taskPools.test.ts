// Funded pools on anvil: the chain itself refuses to pay a task more than was deposited for it,
// whatever the operator key posts, and hostile tokens cannot move another task's funds.
import { Contract, ContractFactory, Interface, Wallet, parseUnits } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRewardsTree, type RewardEntry, type RewardsTree } from '../../core/sync/rewardsTree';
import { ANVIL_ACCOUNTS } from './defaultAccounts';
import { fundTask } from './fundTask';
import { loadArtifact, type ContractName } from './loadArtifact';
import { expectRevert } from './testSupport/expectRevert';
import { mined, randomAccount, randomTask, startLocalChain, type Deployment, type LocalChain } from './testSupport/localChain';

const GWT = (n: string) => parseUnits(n, 18);
const abi = new Interface(loadArtifact('RewardsDistributor').abi);

let chain: LocalChain;
let requester: Wallet;
beforeAll(async () => {
  chain = await startLocalChain();
  requester = new Wallet(ANVIL_ACCOUNTS[2].privateKey, chain.provider);
});
afterAll(async () => {
  await chain?.stop();
});

const treeOf = (d: Deployment, entries: RewardEntry[]) => buildRewardsTree({ chainId: d.chainId, distributor: d.rewards, entries });
const post = (d: Deployment, epoch: number, tree: RewardsTree, allocations = tree.allocations()) =>
  d.asOperator.postRoot(epoch, tree.root, [...allocations.keys()], [...allocations.values()]);
const claim = (d: Deployment, tree: RewardsTree, task: string, account: string) => {
  const p = tree.proofOf(task, account)!;
  return d.asRelayer.claim(task, account, p.cumulativeAmount, tree.root, p.proof);
};
const pool = async (d: Deployment, task: string) => {
  const [token, owner, closesAt, deposited, allocated, paid] = await d.asRelayer.poolOf(task);
  return { token, owner, closesAt, deposited, allocated, paid };
};

/** A hostile token (test only), with `amount` minted to the requester. */
async function hostileToken(name: ContractName, amount = GWT('1000')): Promise<Contract> {
  const artifact = loadArtifact(name);
  const deployed = await new ContractFactory(artifact.abi, artifact.bytecode, chain.operator).deploy();
  await deployed.waitForDeployment();
  const token = new Contract(await deployed.getAddress(), artifact.abi, chain.operator);
  await mined(token.getFunction('mint')(requester.address, amount));
  return token;
}

async function increaseTime(seconds: number) {
  await chain.provider.send('evm_increaseTime', [seconds]);
  await chain.provider.send('evm_mine', []);
}

describe('funded task pools on anvil', () => {
  it('underfunding: the operator cannot allocate beyond a deposit, and a root promising more than the allocation pays only up to it', async () => {
    const d = await chain.deploy();
    const task = randomTask();
    const [alice, bob] = [randomAccount(), randomAccount()];
    // No pool: nothing can be allocated to it.
    const tree0 = treeOf(d, [{ task, account: alice, cumulative: GWT('1') }]);
    await expectRevert(abi, post(d, 1, tree0), 'UnknownPool', [task]);
    await d.fund(task, GWT('100'));
    // The 10^60 wei per item: refused by the chain itself.
    const greedy = treeOf(d, [{ task, account: alice, cumulative: 10n ** 60n }]);
    await expectRevert(abi, post(d, 1, greedy), 'AllocationExceedsDeposit', [task, GWT('100'), 10n ** 60n]);
    // A hostile operator posts leaves worth 150 but may declare only 100: claims stop at 100.
    const hostile = treeOf(d, [{ task, account: alice, cumulative: GWT('80') }, { task, account: bob, cumulative: GWT('70') }]);
    await mined(post(d, 1, hostile, new Map([[task, GWT('100')]])));
    await mined(claim(d, hostile, task, alice));
    await expectRevert(abi, claim(d, hostile, task, bob), 'ExceedsAllocation', [task, GWT('100'), GWT('150')]);
    expect(await d.tokenContract.balanceOf(alice)).toBe(GWT('80'));
    expect(await d.tokenContract.balanceOf(d.rewards)).toBe(GWT('20'));
    // Allocations never shrink.
    await expectRevert(abi, post(d, 2, hostile, new Map([[task, GWT('90')]])), 'AllocationShrinks', [task, GWT('100'), GWT('90')]);
  });

  it('a second task stays unharmed: a hostile root on task A cannot take task B’s deposit in the same token', async () => {
    const d = await chain.deploy();
    const [a, b] = [randomTask(), randomTask()];
    const thief = randomAccount();
    const honest = randomAccount();
    await d.fund(a, GWT('10'));
    await d.fund(b, GWT('500'), chain.relayer);
    const hostile = treeOf(d, [{ task: a, account: thief, cumulative: GWT('510') }, { task: b, account: honest, cumulative: GWT('5') }]);
    await expectRevert(abi, post(d, 1, hostile), 'AllocationExceedsDeposit', [a, GWT('10'), GWT('510')]);
    await mined(post(d, 1, hostile, new Map([[a, GWT('10')], [b, GWT('5')]])));
    await expectRevert(abi, claim(d, hostile, a, thief), 'ExceedsAllocation', [a, GWT('10'), GWT('510')]);
    // A leaf of task A cannot be claimed against task B's pool.
    const p = hostile.proofOf(a, thief)!;
    await expectRevert(abi, d.asRelayer.claim(b, thief, p.cumulativeAmount, hostile.root, p.proof), 'InvalidProof');
    await mined(claim(d, hostile, b, honest));
    expect(await d.tokenContract.balanceOf(honest)).toBe(GWT('5'));
    expect((await pool(d, b)).deposited - (await pool(d, b)).paid).toBe(GWT('495'));
    expect(await d.tokenContract.balanceOf(d.rewards)).toBe(GWT('505'));
  });

  it('refund: after requestClose and the delay the requester gets deposited − allocated; allocated funds stay claimable', async () => {
    const d = await chain.deploy({ closeDelay: 600 });
    const task = randomTask();
    const alice = randomAccount();
    await d.fund(task, GWT('100'), chain.relayer);
    // Only the requester tops up, closes; nobody squats another's pool.
    await expectRevert(abi, d.asOperator.deposit(task, d.token, 1n), 'NotRequester', [task, chain.relayer.address]);
    await expectRevert(abi, d.asOperator.requestClose(task), 'NotRequester', [task, chain.relayer.address]);
    await expectRevert(abi, d.asOperator.refund(task), 'NotClosing', [task]);
    const t1 = treeOf(d, [{ task, account: alice, cumulative: GWT('30') }]);
    await mined(post(d, 1, t1));
    await mined(d.asRelayer.requestClose(task));
    const { closesAt } = await pool(d, task);
    await expectRevert(abi, d.asRelayer.refund(task), 'StillClosing', [task, closesAt]);
    await expectRevert(abi, d.fund(task, 1n, chain.relayer), 'PoolClosing', [task, closesAt]);
    // During the delay the operator posts the final allocation.
    const t2 = treeOf(d, [{ task, account: alice, cumulative: GWT('40') }]);
    await mined(post(d, 2, t2));
    await increaseTime(601);
    const t3 = treeOf(d, [{ task, account: alice, cumulative: GWT('50') }]);
    await expectRevert(abi, post(d, 3, t3), 'PoolClosed', [task, closesAt]);
    const before = await d.tokenContract.balanceOf(chain.relayer.address);
    const receipt = await mined(d.asOperator.refund(task)); // anyone sends it; the requester is paid
    expect(receipt.gasUsed).toBeLessThan(60_000n);
    expect((await d.tokenContract.balanceOf(chain.relayer.address)) - before).toBe(GWT('60'));
    await expectRevert(abi, d.asOperator.refund(task), 'NothingToRefund', [task]);
    await mined(claim(d, t2, task, alice));
    expect(await d.tokenContract.balanceOf(alice)).toBe(GWT('40'));
    expect(await d.tokenContract.balanceOf(d.rewards)).toBe(0n);
  });

  it('a fee-on-transfer token: the pool is credited with what arrived, and never pays more', async () => {
    const d = await chain.deploy();
    const fot = await hostileToken('FeeOnTransferToken');
    const fotAddress = await fot.getAddress();
    const task = randomTask();
    const other = randomTask();
    await d.fund(other, GWT('50'));
    await fundTask(requester, d.rewards, fotAddress, task, GWT('100'));
    const p = await pool(d, task);
    expect(p.token).toBe(fotAddress);
    expect(p.deposited).toBe(GWT('99'));
    const alice = randomAccount();
    await expectRevert(abi, post(d, 1, treeOf(d, [{ task, account: alice, cumulative: GWT('100') }])), 'AllocationExceedsDeposit', [task, GWT('99'), GWT('100')]);
    const tree = treeOf(d, [{ task, account: alice, cumulative: GWT('99') }]);
    await mined(post(d, 1, tree));
    await mined(claim(d, tree, task, alice));
    expect(await fot.getFunction('balanceOf')(alice)).toBe((GWT('99') * 99n) / 100n);
    expect(await fot.getFunction('balanceOf')(d.rewards)).toBe(0n);
    // Depositing into a pool in another token is refused.
    await expectRevert(abi, d.asOperator.deposit(other, fotAddress, 1n), 'TokenMismatch', [other, d.token]);
    expect(await d.tokenContract.balanceOf(d.rewards)).toBe(GWT('50'));
  });

  it('a reverting token: its own task’s claims fail, every other task pays as before', async () => {
    const d = await chain.deploy();
    const rev = await hostileToken('RevertingToken');
    const [bad, good] = [randomTask(), randomTask()];
    await fundTask(requester, d.rewards, await rev.getAddress(), bad, GWT('100'));
    await d.fund(good, GWT('100'));
    const alice = randomAccount();
    const tree = treeOf(d, [{ task: bad, account: alice, cumulative: GWT('10') }, { task: good, account: alice, cumulative: GWT('10') }]);
    await mined(post(d, 1, tree));
    await mined(rev.getFunction('setBroken')(true));
    const data = await claim(d, tree, bad, alice).catch((e: { data?: string }) => e.data);
    expect(new Interface(loadArtifact('RevertingToken').abi).parseError(data as string)?.name).toBe('TokenBroken');
    expect(await d.asRelayer.claimed(bad, alice)).toBe(0n);
    await mined(claim(d, tree, good, alice));
    expect(await d.tokenContract.balanceOf(alice)).toBe(GWT('10'));
    // A deposit the token refuses credits nothing.
    await expectRevert(new Interface(loadArtifact('RevertingToken').abi), fundTask(requester, d.rewards, await rev.getAddress(), bad, GWT('1')), 'TokenBroken');
    expect((await pool(d, bad)).deposited).toBe(GWT('100'));
  });

  it('a re-entrant token: calling back into claim, refund or deposit mid-transfer reverts the whole call', async () => {
    const d = await chain.deploy({ closeDelay: 0 });
    const ree = await hostileToken('ReentrantToken');
    const reeAddress = await ree.getAddress();
    const task = randomTask();
    await fundTask(requester, d.rewards, reeAddress, task, GWT('100'));
    const alice = randomAccount();
    const tree = treeOf(d, [{ task, account: alice, cumulative: GWT('10') }]);
    await mined(post(d, 1, tree));
    const p = tree.proofOf(task, alice)!;
    const guard = 'ReentrancyGuardReentrantCall';
    // claim → transfer → claim again (would pay twice without the guard).
    await mined(ree.getFunction('arm')(d.rewards, abi.encodeFunctionData('claim', [task, alice, p.cumulativeAmount, tree.root, p.proof])));
    await expectRevert(abi, claim(d, tree, task, alice), guard);
    expect(await ree.getFunction('balanceOf')(alice)).toBe(0n);
    // claim → transfer → refund.
    await mined(d.rewardsAs(requester).requestClose(task));
    await mined(ree.getFunction('arm')(d.rewards, abi.encodeFunctionData('refund', [task])));
    await expectRevert(abi, claim(d, tree, task, alice), guard);
    // refund → transfer → deposit.
    await mined(ree.getFunction('arm')(d.rewards, abi.encodeFunctionData('deposit', [task, reeAddress, 1n])));
    await expectRevert(abi, d.asOperator.refund(task), guard);
    await mined(ree.getFunction('arm')('0x0000000000000000000000000000000000000000', '0x'));
    await mined(claim(d, tree, task, alice));
    await mined(d.asOperator.refund(task));
    expect(await ree.getFunction('balanceOf')(alice)).toBe(GWT('10'));
    expect(await ree.getFunction('balanceOf')(requester.address)).toBe(GWT('990'));
    expect(await ree.getFunction('balanceOf')(d.rewards)).toBe(0n);
  });
});
