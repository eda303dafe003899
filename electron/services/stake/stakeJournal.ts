import type { Interface } from 'ethers';
import type { EventEmitterFor } from '../../common/contract/defineService';
import type { StakeTxStatus, stakeService } from '../../common/services/stakeService';
import { revertReason } from './revertReason';

/** What the journal needs of a sent ethers transaction. */
export interface SentTx {
  hash: string;
  wait(): Promise<{ status: number | null; blockNumber: number; gasUsed: bigint } | null>;
}

/**
 * The stake transactions of this host session: each change is recorded
 * (newest first) and announced as `txChanged`; receipts are awaited in the
 * background, and `settle` lets the host wait for them before it stops.
 */
export function createStakeJournal(emit: EventEmitterFor<typeof stakeService>, contract: Interface) {
  const entries: StakeTxStatus[] = [];
  const waiting = new Set<Promise<void>>();

  function record(status: StakeTxStatus): StakeTxStatus {
    const at = entries.findIndex((e) => e.txId === status.txId);
    if (at >= 0) entries[at] = status;
    else entries.unshift(status);
    emit('txChanged', status);
    return status;
  }

  function failed(status: StakeTxStatus, error: unknown): StakeTxStatus {
    return record({ ...status, status: 'failed', error: typeof error === 'string' ? error : revertReason(error, contract) });
  }

  function inBackground(work: Promise<unknown>) {
    const done = work.then(() => undefined, () => undefined);
    waiting.add(done);
    void done.finally(() => waiting.delete(done));
  }

  /** Records `tx` as pending; `done` settles once its receipt is in and it is recorded mined or failed. */
  function follow(status: StakeTxStatus, tx: SentTx): { pending: StakeTxStatus; done: Promise<unknown> } {
    const pending = record({ ...status, status: 'pending', txHash: tx.hash });
    const done = tx.wait().then(
      (receipt) =>
        receipt?.status === 1
          ? record({ ...pending, status: 'mined', blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed.toString() })
          : record({ ...pending, status: 'failed', blockNumber: receipt?.blockNumber ?? null, error: 'the transaction reverted' }),
      (error: unknown) => failed(pending, error),
    );
    return { pending, done };
  }

  /** The action once its approval is mined (one background promise, so `settle` sees the whole chain). */
  async function afterApproval(approving: StakeTxStatus, approval: SentTx, action: () => Promise<SentTx>): Promise<unknown> {
    let receipt: Awaited<ReturnType<SentTx['wait']>>;
    try {
      receipt = await approval.wait();
    } catch (error) {
      return failed(approving, error);
    }
    if (receipt?.status !== 1) return failed(approving, 'the token approval reverted');
    let sent: SentTx;
    try {
      sent = await action();
    } catch (error) {
      return failed(approving, error);
    }
    return follow(approving, sent).done;
  }

  /**
   * Sends `action` and follows it. With `approve`, the approval is sent first and
   * the action only once the approval is mined; the caller gets 'approving' back.
   */
  async function submit(base: StakeTxStatus, action: () => Promise<SentTx>, approve?: () => Promise<SentTx>): Promise<StakeTxStatus> {
    let first: SentTx;
    try {
      first = await (approve ?? action)();
    } catch (error) {
      return failed(base, error);
    }
    if (!approve) {
      const { pending, done } = follow(base, first);
      inBackground(done);
      return pending;
    }
    const approving = record({ ...base, status: 'approving', approveTxHash: first.hash });
    inBackground(afterApproval(approving, first, action));
    return approving;
  }

  return {
    submit,
    list: () => [...entries],
    /** Waits (at most `ms`) for transactions still being mined; one left pending is still on chain. */
    settle: (ms = 5000) => Promise.race([Promise.allSettled([...waiting]), new Promise((resolve) => setTimeout(resolve, ms).unref())]),
  };
}
