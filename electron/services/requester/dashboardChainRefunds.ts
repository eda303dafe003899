import type { JsonRpcProvider } from 'ethers';
import { EventLog } from 'ethers';
import type { RewardsDistributorContract } from '../../../native/chain';

export interface ChainRefunds {
  /** Sum of the pool's Refunded amounts (base units). */
  refunded: bigint;
  /** Unix seconds of the block of the last refund; null when none was paid. */
  refundedAt: number | null;
}

/**
 * What the pool paid back to its requester, from the contract's own
 * `Refunded(taskId, requester, amount)` events on the pinned chain. `refund`
 * lowers the pool's `deposited` to what was allocated, so `poolOf` alone no
 * longer says what was put in: deposited-in-total = deposited + refunded.
 * Read only once the pool is closing (no refund can exist before).
 */
export async function readChainRefunds(rewards: RewardsDistributorContract, provider: JsonRpcProvider, task: string): Promise<ChainRefunds> {
  const logs = await rewards.queryFilter(rewards.getEvent('Refunded')(task), 0, 'latest');
  let refunded = 0n;
  let lastBlock: number | null = null;
  for (const log of logs) {
    // Logs the ABI could not decode are not this contract's Refunded events: ignored.
    if (!(log instanceof EventLog)) continue;
    refunded += log.args.getValue('amount') as bigint;
    lastBlock = Math.max(lastBlock ?? 0, log.blockNumber);
  }
  const block = lastBlock === null ? null : await provider.getBlock(lastBlock);
  return { refunded, refundedAt: block ? block.timestamp : null };
}
