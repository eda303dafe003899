import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { getAddress } from 'ethers';

/**
 * Leaf types of RewardsDistributor: (chainId, distributor, account, cumulativeAmount)
 * in StandardMerkleTree encoding. The contract recomputes exactly this leaf, so a
 * proof made for another chain or another deployment does not verify.
 */
export const REWARDS_LEAF_TYPES = ['uint256', 'address', 'address', 'uint256'] as const;

export interface RewardsTreeInput {
  chainId: number | bigint;
  /** The RewardsDistributor address. */
  distributor: string;
  /** Cumulative earnings per account (all epochs so far, not this epoch's delta). */
  cumulative: ReadonlyMap<string, bigint> | Record<string, bigint>;
}

export interface RewardsTree {
  root: string;
  /** The proof for `account`, or null if it has no leaf. */
  proofOf(account: string): { cumulativeAmount: bigint; proof: string[] } | null;
  tree: StandardMerkleTree<[bigint, string, string, bigint]>;
}

/** Builds the tree the operator posts; throws on an empty set, a bad address or a duplicate account. */
export function buildRewardsTree(input: RewardsTreeInput): RewardsTree {
  const entries = input.cumulative instanceof Map ? [...input.cumulative] : Object.entries(input.cumulative);
  if (entries.length === 0) throw new Error('buildRewardsTree: no accounts; an epoch without rewards needs no new root');
  const distributor = getAddress(input.distributor);
  const chainId = BigInt(input.chainId);
  const index = new Map<string, number>();
  const values = entries.map(([raw, amount], i): [bigint, string, string, bigint] => {
    const account = getAddress(raw);
    if (index.has(account)) throw new Error(`buildRewardsTree: account ${account} appears twice`);
    if (typeof amount !== 'bigint' || amount <= 0n) throw new Error(`buildRewardsTree: amount for ${account} must be a positive bigint, got ${String(amount)}`);
    index.set(account, i);
    return [chainId, distributor, account, amount];
  });
  const tree = StandardMerkleTree.of(values, [...REWARDS_LEAF_TYPES]);
  return {
    root: tree.root,
    tree,
    proofOf(account) {
      const i = index.get(getAddress(account));
      if (i === undefined) return null;
      return { cumulativeAmount: values[i]![3], proof: tree.getProof(i) };
    },
  };
}
