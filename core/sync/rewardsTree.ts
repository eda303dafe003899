import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { checksumAddress, isAddress } from './address';

function getAddress(raw: string): string {
  if (typeof raw !== 'string' || !isAddress(raw)) throw new Error(`invalid address: "${String(raw)}"`);
  return checksumAddress(raw);
}

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/**
 * The one rewards tree: the hub posts its root, the workstation claims with its proofs, the
 * contract tests and the gas bench build it. Leaf types of RewardsDistributor, in
 * StandardMerkleTree encoding: (chainId, distributor, taskId, account, cumulativeAmount).
 * The contract recomputes exactly this leaf, so a proof made for another chain, another
 * deployment or another task's pool does not verify.
 */
export const REWARDS_LEAF_TYPES = ['uint256', 'address', 'bytes32', 'address', 'uint256'] as const;

/** One (task, account)'s cumulative earnings: all epochs so far, not this epoch's delta. */
export interface RewardEntry {
  /** The task's bytes32 id (core/sync `taskIdToBytes32`), the key of its pool on chain. */
  task: string;
  account: string;
  cumulative: bigint;
}

export interface RewardsTreeInput {
  chainId: number | bigint;
  /** The RewardsDistributor address. */
  distributor: string;
  entries: Iterable<RewardEntry>;
}

export interface RewardClaim {
  task: string;
  cumulativeAmount: bigint;
  proof: string[];
}

type Leaf = [string, string, string, string, string];

/** A StandardMerkleTree dump, JSON-safe (amounts as decimal strings): what the hub stores per epoch. */
export type RewardsTreeDump = ReturnType<StandardMerkleTree<Leaf>['dump']>;

export interface RewardsTree {
  root: string;
  /** The claim arguments of `account` on `task`, or null if it has no leaf there. */
  proofOf(task: string, account: string): RewardClaim | null;
  /** Every task `account` has a leaf in, in tree order. */
  claimsOf(account: string): RewardClaim[];
  /** Each task's allocation: the sum of its leaves (what postRoot declares for it). */
  allocations(): Map<string, bigint>;
  /** Every leaf, in tree order (task ids lowercase, accounts checksummed). */
  entries(): RewardEntry[];
  dump(): RewardsTreeDump;
}

const key = (task: string, account: string) => `${task.toLowerCase()}:${getAddress(account)}`;

function wrap(tree: StandardMerkleTree<Leaf>): RewardsTree {
  const index = new Map<string, number>();
  const byAccount = new Map<string, number[]>();
  for (const [i, leaf] of tree.entries()) {
    index.set(key(leaf[2], leaf[3]), i);
    const account = getAddress(leaf[3]);
    byAccount.set(account, [...(byAccount.get(account) ?? []), i]);
  }
  const claimAt = (i: number): RewardClaim => {
    const leaf = tree.at(i)!;
    return { task: leaf[2].toLowerCase(), cumulativeAmount: BigInt(leaf[4]), proof: tree.getProof(i) };
  };
  return {
    root: tree.root,
    proofOf(task, account) {
      const i = index.get(key(task, account));
      return i === undefined ? null : claimAt(i);
    },
    claimsOf: (account) => (byAccount.get(getAddress(account)) ?? []).map(claimAt),
    allocations() {
      const sums = new Map<string, bigint>();
      for (const [, leaf] of tree.entries()) sums.set(leaf[2].toLowerCase(), (sums.get(leaf[2].toLowerCase()) ?? 0n) + BigInt(leaf[4]));
      return sums;
    },
    entries: () => [...tree.entries()].map(([, leaf]) => ({ task: leaf[2].toLowerCase(), account: getAddress(leaf[3]), cumulative: BigInt(leaf[4]) })),
    dump: () => tree.dump(),
  };
}

/** Builds the tree the operator posts; throws on an empty set, a bad address or task id, a duplicate (task, account) or a non-positive amount. */
export function buildRewardsTree(input: RewardsTreeInput): RewardsTree {
  const distributor = getAddress(input.distributor);
  const chainId = BigInt(input.chainId).toString();
  const seen = new Set<string>();
  const values: Leaf[] = [];
  for (const { task, account: raw, cumulative } of input.entries) {
    if (typeof task !== 'string' || !BYTES32.test(task)) throw new Error(`buildRewardsTree: task ${String(task)} is not a bytes32`);
    const account = getAddress(raw);
    const k = key(task, account);
    if (seen.has(k)) throw new Error(`buildRewardsTree: ${account} appears twice for task ${task}`);
    if (typeof cumulative !== 'bigint' || cumulative <= 0n) throw new Error(`buildRewardsTree: amount for ${account} on ${task} must be a positive bigint, got ${String(cumulative)}`);
    seen.add(k);
    values.push([chainId, distributor, task.toLowerCase(), account, cumulative.toString()]);
  }
  if (values.length === 0) throw new Error('buildRewardsTree: no accounts; an epoch without rewards needs no new root');
  return wrap(StandardMerkleTree.of(values, [...REWARDS_LEAF_TYPES]));
}

/** A stored tree again (the hub serves proofs from the dump of the last posted epoch). */
export function loadRewardsTree(dump: RewardsTreeDump): RewardsTree {
  if (dump.leafEncoding.join(',') !== REWARDS_LEAF_TYPES.join(',')) {
    throw new Error(`loadRewardsTree: leaves are (${dump.leafEncoding.join(', ')}), not this distributor's (${REWARDS_LEAF_TYPES.join(', ')})`);
  }
  return wrap(StandardMerkleTree.load(dump));
}
