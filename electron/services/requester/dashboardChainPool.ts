import { Contract } from 'ethers';
import { taskIdToBytes32 } from '../../../core/sync/labelBatch';
import { rewardsDistributorAt } from '../../../native/chain';
import type { ChainPool } from '../../common/services/requesterService';
import type { ChainAccess } from '../chain/chainAccess';
import { ERC20_ABI } from '../chain/erc20Abi';
import { readChainRefunds, type ChainRefunds } from './dashboardChainRefunds';

const ZERO = '0x0000000000000000000000000000000000000000';

/**
 * A task's pool as this host reads it: the PINNED rewards contract, the pool
 * key computed here from the task id (core's taskIdToBytes32, not the hub's
 * `task` field), and the symbol and decimals asked of the token contract
 * itself. What a hub says about tokens, decimals or contracts is never used.
 * Refunds come from the contract's Refunded events (see dashboardChainRefunds);
 * an RPC that refuses log queries leaves them unknown (null), not the pool.
 */
export async function readChainPool(chains: ChainAccess, hubUrl: string, taskId: string): Promise<ChainPool> {
  const { config, provider } = await chains.chainOf(hubUrl);
  const task = taskIdToBytes32(taskId);
  const rewards = rewardsDistributorAt(config.rewardsContract, provider);
  const [poolToken, requester, closesAt, deposited, allocated, paid] = await rewards.poolOf(task);
  const exists = requester !== ZERO;
  // Only a closing pool can have been refunded: an open one needs no log query.
  const refunds: ChainRefunds | null = closesAt === 0n ? { refunded: 0n, refundedAt: null } : await readChainRefunds(rewards, provider, task).catch(() => null);
  // No pool yet: its token will be the one the user pinned for this hub (what a deposit from here would use).
  const token = exists ? poolToken : config.token;
  if (!token) throw new Error(`task ${taskId} has no pool yet and the token of ${hubUrl} was never checked: connect to it again with its chain's RPC URL`);
  const erc20 = new Contract(token, ERC20_ABI, provider);
  const [symbol, decimals] = await Promise.all([
    (erc20.getFunction('symbol')() as Promise<string>).catch(() => null),
    (erc20.getFunction('decimals')() as Promise<bigint>).then(Number).catch(() => null),
  ]);
  return {
    chainId: config.chainId,
    contract: config.rewardsContract,
    task,
    requester: exists ? requester : null,
    token,
    tokenSymbol: symbol,
    tokenDecimals: decimals,
    deposited: deposited.toString(),
    refunded: refunds ? refunds.refunded.toString() : null,
    refundedAt: refunds?.refundedAt ?? null,
    depositedTotal: refunds ? (deposited + refunds.refunded).toString() : null,
    allocated: allocated.toString(),
    paid: paid.toString(),
    unallocated: (deposited > allocated ? deposited - allocated : 0n).toString(),
    closesAt: closesAt === 0n ? null : Number(closesAt),
  };
}
