import { Contract, type BaseContract, type BaseContractMethod, type BigNumberish, type ContractRunner, type ContractTransactionResponse } from 'ethers';
import { loadArtifact } from './loadArtifact';

type Send<A extends unknown[]> = BaseContractMethod<A, void, ContractTransactionResponse>;
type View<A extends unknown[], R> = BaseContractMethod<A, R, R>;

/** `poolOf(taskId)`: requester zero = no pool yet. */
export type PoolOfResult = [token: string, requester: string, closesAt: bigint, deposited: bigint, allocated: bigint, paid: bigint];

/** RewardsDistributor's calls, typed (each also has .staticCall and .estimateGas). */
export interface RewardsDistributorContract extends BaseContract {
  /** Operator only; epochs strictly increasing; root non-zero; each listed task's cumulative allocation (never shrinking, ≤ its deposit). */
  postRoot: Send<[epoch: BigNumberish, root: string, taskIds: string[], allocations: BigNumberish[]]>;
  /** Anyone may send; pays `account` cumulativeAmount − claimed(taskId, account) from the task's pool. */
  claim: Send<[taskId: string, account: string, cumulativeAmount: BigNumberish, expectedRoot: string, proof: string[]]>;
  /** Funds a task's pool (approve first); the first depositor becomes its requester. */
  deposit: Send<[taskId: string, token: string, amount: BigNumberish]>;
  requestClose: Send<[taskId: string]>;
  refund: Send<[taskId: string]>;
  poolOf: View<[taskId: string], PoolOfResult>;
  closeDelay: View<[], bigint>;
  pause: Send<[]>;
  unpause: Send<[]>;
  merkleRoot: View<[], string>;
  epoch: View<[], bigint>;
  claimed: View<[taskId: string, account: string], bigint>;
  paused: View<[], boolean>;
  token: View<[], string>;
  leafOf: View<[taskId: string, account: string, cumulativeAmount: BigNumberish], string>;
  hasRole: View<[role: string, account: string], boolean>;
}

/** The local network's TestToken: ERC-20 plus owner-only mint (any ERC-20 fits the read and approve calls). */
export interface TestTokenContract extends BaseContract {
  balanceOf: View<[account: string], bigint>;
  transfer: Send<[to: string, amount: BigNumberish]>;
  approve: Send<[spender: string, amount: BigNumberish]>;
  allowance: View<[owner: string, spender: string], bigint>;
  mint: Send<[to: string, amount: BigNumberish]>;
  decimals: View<[], bigint>;
  symbol: View<[], string>;
}

/** RewardsDistributor bound to a signer (to post roots or claim) or a provider (to read). */
export function rewardsDistributorAt(address: string, runner: ContractRunner): RewardsDistributorContract {
  return new Contract(address, loadArtifact('RewardsDistributor').abi, runner) as unknown as RewardsDistributorContract;
}

export function testTokenAt(address: string, runner: ContractRunner): TestTokenContract {
  return new Contract(address, loadArtifact('TestToken').abi, runner) as unknown as TestTokenContract;
}
