import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { describe, expect, it } from 'vitest';
import { buildRewardsTree } from './rewardsTree';

const distributor = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';
const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const bob = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

describe('buildRewardsTree', () => {
  it('gives proofs that verify against the root, bound to chain and distributor', () => {
    const t = buildRewardsTree({ chainId: 31337, distributor, cumulative: { [alice]: 5n, [bob]: 7n } });
    const p = t.proofOf(bob.toLowerCase())!;
    expect(p.cumulativeAmount).toBe(7n);
    expect(StandardMerkleTree.verify(t.root, ['uint256', 'address', 'address', 'uint256'], [31337n, distributor, bob, 7n], p.proof)).toBe(true);
    expect(StandardMerkleTree.verify(t.root, ['uint256', 'address', 'address', 'uint256'], [1n, distributor, bob, 7n], p.proof)).toBe(false);
    expect(t.proofOf(distributor)).toBeNull();
    const other = buildRewardsTree({ chainId: 31338, distributor, cumulative: { [alice]: 5n, [bob]: 7n } });
    expect(other.root).not.toBe(t.root);
  });

  it('a single account needs no proof: the root is its leaf', () => {
    const t = buildRewardsTree({ chainId: 1, distributor, cumulative: new Map([[alice, 1n]]) });
    expect(t.proofOf(alice)!.proof).toEqual([]);
    expect(t.root).toBe(t.tree.leafHash([1n, distributor, alice, 1n]));
  });

  it('rejects an empty epoch, duplicates in any letter case, bad addresses and non-positive amounts', () => {
    expect(() => buildRewardsTree({ chainId: 1, distributor, cumulative: {} })).toThrow(/no accounts/);
    expect(() => buildRewardsTree({ chainId: 1, distributor, cumulative: new Map([[alice, 1n], [alice.toLowerCase(), 2n]]) })).toThrow(/appears twice/);
    expect(() => buildRewardsTree({ chainId: 1, distributor, cumulative: { '0x1234': 1n } })).toThrow(/invalid address/);
    expect(() => buildRewardsTree({ chainId: 1, distributor, cumulative: { [alice]: 0n } })).toThrow(/must be a positive bigint/);
  });
});
