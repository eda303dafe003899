import { randomUUID } from 'node:crypto';
import { taskIdToBytes32 } from '../../../core/sync/labelBatch';
import { rewardsDistributorAt } from '../../../native/chain';
import { ServiceError } from '../../common/contract/errors';
import type { PoolActionResult, PoolActionSummary } from '../../common/services/rewardsService';
import { normalizeHubUrl } from '../hub/hubHttp';
import type { DepositDeps } from './taskDeposits';
import { readTokenFacts } from './tokenFacts';

const ZERO = '0x0000000000000000000000000000000000000000';

/**
 * The requester's end of a task's pool: close it (requestClose), then after the contract's delay
 * reclaim what was never allocated (refund). Both read the pool from the pinned chain first and
 * refuse with the reason the contract would revert with, so nothing doomed is signed.
 */
export function createPoolClosing(deps: Omit<DepositDeps, 'emit'>) {
  const prepared = new Map<string, PoolActionSummary>();

  async function prepare({ hubUrl: rawUrl, taskId, action }: { hubUrl: string; taskId: string; action: 'close' | 'refund' }): Promise<PoolActionSummary> {
    const hubUrl = normalizeHubUrl(rawUrl);
    const address = await deps.account();
    const { config, provider } = await deps.chains.chainOf(hubUrl);
    const task = taskIdToBytes32(taskId);
    const contract = rewardsDistributorAt(config.rewardsContract, provider);
    const [[token, requester, closesAt, deposited, allocated, paid], delay, block] = await Promise.all([contract.poolOf(task), contract.closeDelay(), provider.getBlock('latest')]);
    if (requester === ZERO) throw new ServiceError(`task ${taskId} has no pool on chain ${config.chainId}: nothing was deposited for it`, { code: 'no-pool' });
    if (requester.toLowerCase() !== address.toLowerCase()) throw new ServiceError(`task ${taskId}'s pool belongs to ${requester}: only its requester may close it`, { code: 'not-requester' });
    const facts = await readTokenFacts(provider, token);
    const now = block?.timestamp ?? Math.floor(Date.now() / 1000);
    const refundable = deposited - allocated;
    if (action === 'close' && closesAt !== 0n) throw new ServiceError(`task ${taskId}'s pool is already closing (refund from ${new Date(Number(closesAt) * 1000).toISOString()})`, { code: 'pool-closing' });
    if (action === 'refund') {
      if (closesAt === 0n) throw new ServiceError(`task ${taskId}'s pool is not closed: close it first`, { code: 'pool-open' });
      if (BigInt(now) < closesAt) throw new ServiceError(`task ${taskId}'s pool closes at ${new Date(Number(closesAt) * 1000).toISOString()}: the refund can be sent from then`, { code: 'still-closing' });
      if (refundable <= 0n) throw new ServiceError(`task ${taskId}'s pool has nothing left to refund: all of it was allocated`, { code: 'nothing-to-refund' });
    }
    const summary: PoolActionSummary = {
      requestId: randomUUID(),
      hubUrl,
      account: address,
      chainId: config.chainId,
      contract: config.rewardsContract,
      taskId,
      task,
      action,
      pool: { token, deposited: deposited.toString(), allocated: allocated.toString(), paid: paid.toString(), closesAt: Number(closesAt) },
      tokenSymbol: facts.symbol,
      tokenDecimals: facts.decimals,
      refundable: (refundable > 0n ? refundable : 0n).toString(),
      refundFrom: action === 'close' ? now + Number(delay) : Number(closesAt),
    };
    prepared.set(summary.requestId, summary);
    return summary;
  }

  async function confirm({ requestId }: { requestId: string }): Promise<PoolActionResult> {
    const summary = prepared.get(requestId);
    if (!summary) throw new ServiceError('this request was not prepared, or was already sent: prepare it again', { code: 'unknown-request' });
    prepared.delete(requestId);
    const signer = deps.signer();
    if (signer.address !== summary.account) throw new ServiceError("the unlocked key is not the wallet's address", { code: 'locked' });
    const { rpcUrl, provider } = await deps.chains.chainOf(summary.hubUrl);
    await deps.ensureGas?.(rpcUrl, signer.address);
    const contract = rewardsDistributorAt(summary.contract, signer.connect(provider));
    const result: PoolActionResult = { requestId, action: summary.action, status: 'failed', txHash: null, error: null };
    try {
      const tx = summary.action === 'close' ? await contract.requestClose(summary.task) : await contract.refund(summary.task);
      result.txHash = tx.hash;
      const receipt = await tx.wait();
      if (receipt?.status === 1) return { ...result, status: 'mined' };
      return { ...result, error: `the ${summary.action} reverted` };
    } catch (error) {
      return { ...result, error: deps.reasonOf(error) };
    }
  }

  return { prepare, confirm };
}
