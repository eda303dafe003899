import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { describe, expect, it } from 'vitest';
import { buildRewardsTree, loadRewardsTree, REWARDS_LEAF_TYPES } from './rewardsTree';

const distributor = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';
const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const bob = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const taskA = `0x${'aa'.repeat(32)}`;
const taskB = `0x${'bb'.repeat(32)}`;
const types = [...REWARDS_LEAF_TYPES];

describe('buildRewardsTree', () => {
  const entries = [
    { task: taskA, account: alice, cumulative: 5n },
    { task: taskA, account: bob, cumulative: 7n },
    { task: taskB, account: bob, cumulative: 3n },
  ];

  it('gives proofs that verify against the root, bound to chain, distributor and task', () => {
    const t = buildRewardsTree({ chainId: 31337, distributor, entries });
    const p = t.proofOf(taskA, bob.toLowerCase())!;
    expect(p.cumulativeAmount).toBe(7n);
    expect(StandardMerkleTree.verify(t.root, types, [31337n, distributor, taskA, bob, 7n], p.proof)).toBe(true);
    expect(StandardMerkleTree.verify(t.root, types, [1n, distributor, taskA, bob, 7n], p.proof)).toBe(false);
    expect(StandardMerkleTree.verify(t.root, types, [31337n, distributor, taskB, bob, 7n], p.proof)).toBe(false);
    expect(t.proofOf(taskB, alice)).toBeNull();
    expect(buildRewardsTree({ chainId: 31338, distributor, entries }).root).not.toBe(t.root);
  });

  it('lists an account’s claims per task and each task’s allocation', () => {
    const t = buildRewardsTree({ chainId: 1, distributor, entries });
    expect(t.claimsOf(bob).map((c) => [c.task, c.cumulativeAmount]).sort()).toEqual([[taskA, 7n], [taskB, 3n]]);
    expect(t.allocations()).toEqual(new Map([[taskA, 12n], [taskB, 3n]]));
  });

  it('round-trips through a JSON dump', () => {
    const t = buildRewardsTree({ chainId: 1, distributor, entries });
    const again = loadRewardsTree(JSON.parse(JSON.stringify(t.dump())));
    expect(again.root).toBe(t.root);
    expect(again.proofOf(taskB, bob)).toEqual(t.proofOf(taskB, bob));
    const old = StandardMerkleTree.of([[1n, distributor, alice, 1n]], ['uint256', 'address', 'address', 'uint256']).dump();
    expect(() => loadRewardsTree(old as never)).toThrow(/not this distributor/);
  });

  it('a single leaf needs no proof: the root is its leaf', () => {
    const t = buildRewardsTree({ chainId: 1, distributor, entries: [{ task: taskA, account: alice, cumulative: 1n }] });
    expect(t.proofOf(taskA, alice)!.proof).toEqual([]);
  });

  it('rejects an empty epoch, duplicates in any letter case, bad addresses or task ids and non-positive amounts', () => {
    const one = (over: object) => buildRewardsTree({ chainId: 1, distributor, entries: [{ task: taskA, account: alice, cumulative: 1n, ...over }] });
    expect(() => buildRewardsTree({ chainId: 1, distributor, entries: [] })).toThrow(/no accounts/);
    expect(() => buildRewardsTree({ chainId: 1, distributor, entries: [entries[0]!, { ...entries[0]!, account: alice.toLowerCase() }] })).toThrow(/appears twice/);
    expect(() => one({ account: '0x1234' })).toThrow(/invalid address/);
    expect(() => one({ task: '0x12' })).toThrow(/not a bytes32/);
    expect(() => one({ cumulative: 0n })).toThrow(/must be a positive bigint/);
  });
});
