import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { getAddress } from 'ethers';

/** The leaf RewardsDistributor recomputes: bound to the chain and the contract, so a proof cannot be replayed elsewhere. */
export const REWARD_LEAF_TYPES = ['uint256', 'address', 'address', 'uint256'];

export type RewardLeaf = [string, string, string, string];

export interface EpochTree {
  root: string;
  /** StandardMerkleTree dump with amounts as decimal strings (JSON-safe). */
  dump: ReturnType<StandardMerkleTree<RewardLeaf>['dump']>;
}

/** Cumulative totals (account → wei) → StandardMerkleTree over (chainId, contract, account, cumulative). */
export function buildEpochTree(chainId: number, contract: string, cumulative: Map<string, bigint>): EpochTree {
  const values: RewardLeaf[] = [...cumulative]
    .filter(([, amount]) => amount > 0n)
    .map(([account, amount]) => [String(chainId), getAddress(contract), getAddress(account), amount.toString()]);
  if (values.length === 0) throw new Error('no account has earned anything: nothing to put in a rewards tree');
  const tree = StandardMerkleTree.of(values, REWARD_LEAF_TYPES);
  return { root: tree.root, dump: tree.dump() };
}

/** The claim arguments for `account` from a stored tree, or null if it has no leaf. */
export function proofFromDump(dump: EpochTree['dump'], account: string): { cumulative: string; proof: string[] } | null {
  const tree = StandardMerkleTree.load(dump);
  const who = getAddress(account);
  for (const [i, leaf] of tree.entries()) {
    if (getAddress(leaf[2]) === who) return { cumulative: leaf[3], proof: tree.getProof(i) };
  }
  return null;
}
