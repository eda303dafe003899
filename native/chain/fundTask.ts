import { Contract, type BigNumberish, type Signer } from 'ethers';
import { rewardsDistributorAt } from './rewardsContracts';

const APPROVE_ABI = ['function approve(address spender, uint256 amount) returns (bool)'];

async function mined(call: Promise<{ hash: string; wait(): Promise<{ status: number | null } | null> }>, what: string): Promise<void> {
  const tx = await call;
  const receipt = await tx.wait();
  if (receipt?.status !== 1) throw new Error(`${what} failed (tx ${tx.hash})`);
}

/**
 * The requester funds a task's pool: approve the distributor, then deposit. The first deposit
 * makes `requester` the pool's requester (the one who may top it up, close it and get the refund).
 * `task` is the task's bytes32 id (core/sync `taskIdToBytes32`).
 */
export async function fundTask(requester: Signer, rewards: string, token: string, task: string, amount: BigNumberish): Promise<void> {
  await mined(new Contract(token, APPROVE_ABI, requester).getFunction('approve')(rewards, amount), 'approve');
  await mined(rewardsDistributorAt(rewards, requester).deposit(task, token, amount), `deposit into task ${task}`);
}
