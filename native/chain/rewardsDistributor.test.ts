import { Interface, ZeroHash, getCreateAddress, id, keccak256, parseUnits, toQuantity } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArtifact } from './loadArtifact';
import { buildRewardsTree, type RewardsTree } from '../../core/sync/rewardsTree';
import { expectRevert } from './testSupport/expectRevert';
import { mined, randomAccount, randomTask, startLocalChain, type Deployment, type LocalChain } from './testSupport/localChain';

const OPERATOR_ROLE = id('OPERATOR_ROLE');
const PAUSER_ROLE = id('PAUSER_ROLE');
const GWT = (n: string) => parseUnits(n, 18);

let chain: LocalChain;
const abi = new Interface(loadArtifact('RewardsDistributor').abi);
beforeAll(async () => {
  chain = await startLocalChain();
});
afterAll(async () => {
  await chain?.stop();
});

/** One task's pool, funded with 1,000 GWT, whose leaves are `cumulative`. */
const TASK = `0x${'7a'.repeat(32)}`;
const treeOf = (d: Deployment, cumulative: Record<string, bigint>, task = TASK) =>
  buildRewardsTree({ chainId: d.chainId, distributor: d.rewards, entries: Object.entries(cumulative).map(([account, amount]) => ({ task, account, cumulative: amount })) });
/** Posts `tree` as `epoch`, declaring each of its tasks' allocation (the sum of its leaves). */
const post = (d: Deployment, epoch: number, tree: RewardsTree) => {
  const allocations = tree.allocations();
  return d.asOperator.postRoot(epoch, tree.root, [...allocations.keys()], [...allocations.values()]);
};

async function funded(amount = GWT('1000')) {
  const d = await chain.deploy();
  await d.fund(TASK, amount);
  return d;
}

/** A deployment with one posted epoch over three fresh accounts. */
async function withEpoch() {
  const amounts = [GWT('10'), GWT('20'), GWT('30')] as const;
  const d = await funded();
  const accounts = [randomAccount(), randomAccount(), randomAccount()] as const;
  const tree = treeOf(d, Object.fromEntries(accounts.map((a, i) => [a, amounts[i]!])));
  await mined(post(d, 1, tree));
  return { d, accounts, tree, amounts };
}

function claimFor(d: Deployment, account: string, tree: RewardsTree, root = tree.root, task = TASK) {
  const p = tree.proofOf(task, account);
  if (!p) throw new Error(`no leaf for ${account}`);
  return d.asRelayer.claim(task, account, p.cumulativeAmount, root, p.proof);
}

describe('RewardsDistributor on anvil', () => {
  it('pays the account (not the relayer who submits) and records the claim', async () => {
    const { d, accounts, tree, amounts } = await withEpoch();
    const [alice] = accounts;
    const before = await d.tokenContract.balanceOf(d.rewards);
    const relayerBefore = await d.tokenContract.balanceOf(chain.relayer.address);
    const receipt = await mined(claimFor(d, alice, tree));
    expect(await d.tokenContract.balanceOf(alice)).toBe(amounts[0]);
    expect(await d.tokenContract.balanceOf(chain.relayer.address)).toBe(relayerBefore);
    expect(await d.tokenContract.balanceOf(d.rewards)).toBe(before - amounts[0]);
    expect(await d.asRelayer.claimed(TASK, alice)).toBe(amounts[0]);
    const claimed = receipt.logs.map((l) => d.asRelayer.interface.parseLog(l as never)).find((l) => l?.name === 'Claimed');
    expect([...(claimed?.args ?? [])]).toEqual([TASK, alice, amounts[0], amounts[0]]);
    expect((await d.asRelayer.poolOf(TASK))[5]).toBe(amounts[0]);
  });

  it('computes the same leaf as StandardMerkleTree', async () => {
    const { d, accounts, tree } = await withEpoch();
    const { StandardMerkleTree } = await import('@openzeppelin/merkle-tree');
    const single = StandardMerkleTree.of([[d.chainId, d.rewards, TASK, accounts[1], GWT('20')]], ['uint256', 'address', 'bytes32', 'address', 'uint256']);
    expect(await d.asRelayer.leafOf(TASK, accounts[1], GWT('20'))).toBe(single.root);
    expect(tree.proofOf(TASK, accounts[1])).not.toBeNull();
  });

  it('double claim reverts with NothingToClaim and pays nothing', async () => {
    const { d, accounts, tree, amounts } = await withEpoch();
    await mined(claimFor(d, accounts[0], tree));
    await expectRevert(abi, claimFor(d, accounts[0], tree), 'NothingToClaim', [amounts[0], amounts[0]]);
    expect(await d.tokenContract.balanceOf(accounts[0])).toBe(amounts[0]);
  });

  it('rejects a wrong proof, a wrong amount and another account using a proof', async () => {
    const { d, accounts, tree } = await withEpoch();
    const [alice, bob] = accounts;
    const a = tree.proofOf(TASK, alice)!;
    const b = tree.proofOf(TASK, bob)!;
    const claim = (account: string, amount: bigint, proof: string[], task = TASK) => d.asRelayer.claim(task, account, amount, tree.root, proof);
    await expectRevert(abi, claim(alice, a.cumulativeAmount, b.proof), 'InvalidProof');
    await expectRevert(abi, claim(alice, a.cumulativeAmount, [keccak256(a.proof[0]!), ...a.proof.slice(1)]), 'InvalidProof');
    await expectRevert(abi, claim(alice, a.cumulativeAmount + 1n, a.proof), 'InvalidProof');
    await expectRevert(abi, claim(bob, a.cumulativeAmount, a.proof), 'InvalidProof');
    await expectRevert(abi, claim(randomAccount(), a.cumulativeAmount, a.proof), 'InvalidProof');
    await expectRevert(abi, claim(alice, a.cumulativeAmount, a.proof, randomTask()), 'InvalidProof');
  });

  it('rejects a proof made for another deployment on the same chain', async () => {
    const { d, accounts } = await withEpoch();
    const other = await chain.deploy();
    expect(other.rewards).not.toBe(d.rewards);
    const foreign = treeOf(other, { [accounts[0]]: GWT('10') });
    await mined(d.asOperator.postRoot(2, foreign.root, [], []));
    await expectRevert(abi, claimFor(d, accounts[0], foreign), 'InvalidProof');
  });

  it('rejects a proof made for another chain id, even at the same contract address', async () => {
    const { d, accounts } = await withEpoch();
    const otherChain = await startLocalChain({ chainId: 31338 });
    try {
      // Same deployer key and nonces on a fresh chain give the same addresses,
      // so only the chain id in the leaf tells the two deployments apart.
      const rewardsNonce = Array.from({ length: 1000 }, (_, n) => n).find((n) => getCreateAddress({ from: chain.operator.address, nonce: n }) === d.rewards);
      expect(rewardsNonce).toBeGreaterThan(0);
      await otherChain.provider.send('anvil_setNonce', [chain.operator.address, toQuantity(rewardsNonce! - 1)]);
      const twin = await otherChain.deploy();
      expect(twin.rewards).toBe(d.rewards);
      await twin.fund(TASK, GWT('1000'));
      const foreign = treeOf(twin, { [accounts[0]]: GWT('10') });
      await mined(post(twin, 1, foreign));
      await mined(claimFor(twin, accounts[0], foreign)); // valid there
      await mined(d.asOperator.postRoot(2, foreign.root, [], []));
      await expectRevert(abi, claimFor(d, accounts[0], foreign), 'InvalidProof'); // not here
    } finally {
      await otherChain.stop();
    }
  });

  it('only the operator posts roots, with strictly increasing epochs and a non-zero root', async () => {
    const { d, tree } = await withEpoch();
    await expectRevert(abi, d.asRelayer.postRoot(2, tree.root, [], []), 'AccessControlUnauthorizedAccount', [chain.relayer.address, OPERATOR_ROLE]);
    await expectRevert(abi, d.asOperator.postRoot(1, tree.root, [], []), 'EpochNotIncreasing', [1n, 1n]);
    await mined(d.asOperator.postRoot(5, tree.root, [], []));
    await expectRevert(abi, d.asOperator.postRoot(4, tree.root, [], []), 'EpochNotIncreasing', [5n, 4n]);
    await expectRevert(abi, d.asOperator.postRoot(6, ZeroHash, [], []), 'ZeroRoot');
    await expectRevert(abi, d.asOperator.postRoot(6, tree.root, [TASK], []), 'LengthMismatch', [1n, 0n]);
    expect(await d.asRelayer.epoch()).toBe(5n);
  });

  it('rejects a claim against a stale expected root, and before any root', async () => {
    const { d, accounts, tree } = await withEpoch();
    const next = treeOf(d, { [accounts[0]]: GWT('15'), [accounts[1]]: GWT('20'), [accounts[2]]: GWT('30') });
    await mined(post(d, 2, next));
    await expectRevert(abi, claimFor(d, accounts[0], tree), 'RootChanged', [next.root, tree.root]);
    const fresh = await chain.deploy();
    await expectRevert(abi, fresh.asRelayer.claim(TASK, accounts[0], 1n, tree.root, []), 'NoRootPosted');
  });

  it('pause blocks claims but not root posts; unpause resumes with the latest root', async () => {
    const { d, accounts, tree } = await withEpoch();
    await expectRevert(abi, d.asRelayer.pause(), 'AccessControlUnauthorizedAccount', [chain.relayer.address, PAUSER_ROLE]);
    await mined(d.asOperator.pause());
    expect(await d.asRelayer.paused()).toBe(true);
    expect(await d.asRelayer.merkleRoot()).toBe(tree.root);
    await expectRevert(abi, claimFor(d, accounts[0], tree), 'EnforcedPause');
    await expectRevert(abi, d.asOperator.pause(), 'EnforcedPause');
    const next = treeOf(d, { [accounts[0]]: GWT('12'), [accounts[1]]: GWT('20'), [accounts[2]]: GWT('30') });
    await mined(post(d, 2, next));
    expect(await d.asRelayer.merkleRoot()).toBe(next.root);
    await expectRevert(abi, claimFor(d, accounts[0], next), 'EnforcedPause');
    await mined(d.asOperator.unpause());
    await expectRevert(abi, d.asOperator.unpause(), 'ExpectedPause');
    await mined(claimFor(d, accounts[0], next));
    expect(await d.tokenContract.balanceOf(accounts[0])).toBe(GWT('12'));
  });

  it('one claim collects three epochs; a later claim pays only the difference', async () => {
    const d = await funded();
    const alice = randomAccount();
    const others = [randomAccount(), randomAccount()];
    let last: RewardsTree | undefined;
    for (const [epoch, cumulative] of [[1, GWT('1')], [2, GWT('3')], [3, GWT('6')]] as const) {
      last = treeOf(d, { [alice]: cumulative, [others[0]!]: 5n, [others[1]!]: BigInt(epoch) });
      await mined(post(d, epoch, last));
    }
    await mined(claimFor(d, alice, last!));
    expect(await d.tokenContract.balanceOf(alice)).toBe(GWT('6'));
    const fourth = treeOf(d, { [alice]: GWT('6.5'), [others[0]!]: 5n, [others[1]!]: 3n });
    await mined(post(d, 4, fourth));
    await mined(claimFor(d, alice, fourth));
    expect(await d.tokenContract.balanceOf(alice)).toBe(GWT('6.5'));
  });
});
