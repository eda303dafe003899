import { Contract, type BaseContract, type BaseContractMethod, type BigNumberish, type ContractRunner, type ContractTransactionResponse } from 'ethers';
import { loadArtifact } from './loadArtifact';

type Send<A extends unknown[]> = BaseContractMethod<A, void, ContractTransactionResponse>;
type View<A extends unknown[], R> = BaseContractMethod<A, R, R>;

/** RewardsDistributor's calls, typed (each also has .staticCall and .estimateGas). */
export interface RewardsDistributorContract extends BaseContract {
  /** Operator only; epochs strictly increasing; root non-zero. */
  postRoot: Send<[epoch: BigNumberish, root: string]>;
  /** Anyone may send; pays `account` cumulativeAmount − claimed(account). */
  claim: Send<[account: string, cumulativeAmount: BigNumberish, expectedRoot: string, proof: string[]]>;
  pause: Send<[]>;
  unpause: Send<[]>;
  merkleRoot: View<[], string>;
  epoch: View<[], bigint>;
  claimed: View<[account: string], bigint>;
  paused: View<[], boolean>;
  token: View<[], string>;
  leafOf: View<[account: string, cumulativeAmount: BigNumberish], string>;
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
