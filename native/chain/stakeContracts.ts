import { Contract, type BaseContract, type BaseContractMethod, type BigNumberish, type ContractRunner, type ContractTransactionResponse } from 'ethers';
import { loadArtifact } from './loadArtifact';

type Send<A extends unknown[]> = BaseContractMethod<A, void, ContractTransactionResponse>;
type View<A extends unknown[], R> = BaseContractMethod<A, R, R>;

/** stakeOf's answer as ethers returns it (a Result: by index or by name). */
export type StakeOfResult = [active: bigint, unbonding: bigint, availableAt: bigint] & { active: bigint; unbonding: bigint; availableAt: bigint };

/** StakeRegistry's calls, typed (each also has .staticCall and .estimateGas). See contracts/README.md. */
export interface StakeRegistryContract extends BaseContract {
  /** Pulls `amount` of the token from the caller (approve the registry first). */
  stake: Send<[amount: BigNumberish]>;
  /** Active → unbonding; merges with a pending request and restarts its clock. */
  requestUnstake: Send<[amount: BigNumberish]>;
  /** Pays the whole unbonding amount once `availableAt` has passed. */
  withdraw: Send<[]>;
  /** SLASHER_ROLE only: active first, then unbonding; tokens go to the treasury. */
  slash: Send<[account: string, amount: BigNumberish, evidenceHash: string]>;
  stakeOf: View<[account: string], StakeOfResult>;
  token: View<[], string>;
  treasury: View<[], string>;
  unbondingPeriod: View<[], bigint>;
  SLASHER_ROLE: View<[], string>;
  hasRole: View<[role: string, account: string], boolean>;
}

/** StakeRegistry bound to a signer (to stake, unstake, withdraw or slash) or a provider (to read). */
export function stakeRegistryAt(address: string, runner: ContractRunner): StakeRegistryContract {
  return new Contract(address, loadArtifact('StakeRegistry').abi, runner) as unknown as StakeRegistryContract;
}
