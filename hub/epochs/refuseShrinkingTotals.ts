import type { RewardEntry, RewardsTree } from '../../core/sync/rewardsTree';
import type { Queryable } from '../db/adapter';
import { conflict } from '../http/hubError';
import type { ChainClient } from './chainClient';
import { previousPostedEpoch } from './epochTotals';
import { describeShortfalls, shortfallsAgainstClaimed, shortfallsAgainstPrevious, taskShortfalls, type Shortfall } from './totalsNeverShrink';

/** Parallel claimed() reads: enough to hide RPC latency, few enough not to be throttled. */
const CLAIMED_READS_AT_ONCE = 8;

/** What each (task, account) already claimed on chain. */
async function claimedOnChain(chain: ChainClient, pairs: readonly { task: string; account: string }[]): Promise<RewardEntry[]> {
  const claimed: RewardEntry[] = [];
  for (let i = 0; i < pairs.length; i += CLAIMED_READS_AT_ONCE) {
    const slice = pairs.slice(i, i + CLAIMED_READS_AT_ONCE);
    const amounts = await Promise.all(slice.map((p) => chain.claimed(p.task, p.account)));
    slice.forEach((p, k) => claimed.push({ ...p, cumulative: amounts[k]! }));
  }
  return claimed;
}

/**
 * Throws a 409 naming the accounts and figures when epoch `epoch` (per-account `totals` and
 * its per-task `tree`) would pay any account less than the last posted epoch did, or less
 * than it already claimed on chain — summed over its tasks first, then task by task. Run
 * inside the transaction that builds the epoch, so a refusal writes nothing, and again
 * before a pending epoch is re-posted.
 */
export async function refuseShrinkingTotals(q: Queryable, chain: ChainClient, epoch: bigint, totals: Record<string, string>, tree: RewardsTree): Promise<void> {
  const previous = await previousPostedEpoch(q, epoch);
  const next = tree.entries();
  const refuseBelowPrevious = (below: Shortfall[]) => {
    if (previous && below.length > 0) {
      throw conflict('totals_below_previous_epoch', `epoch ${epoch} refused, nothing posted: cumulative totals may never shrink, but ${describeShortfalls(below, `epoch ${previous.epoch}'s total`)}`);
    }
  };
  const refuseBelowClaimed = (below: Shortfall[]) => {
    if (below.length > 0) throw conflict('totals_below_claimed', `epoch ${epoch} refused, nothing posted: ${describeShortfalls(below, 'what it already claimed on chain,')}`);
  };
  const pairs = new Map<string, { task: string; account: string }>();
  for (const e of [...next, ...(previous?.tree.entries() ?? [])]) pairs.set(`${e.task}:${e.account}`, { task: e.task, account: e.account });
  const claimed = await claimedOnChain(chain, [...pairs.values()]);
  const claimedByAccount = new Map<string, bigint>();
  for (const c of claimed) claimedByAccount.set(c.account, (claimedByAccount.get(c.account) ?? 0n) + c.cumulative);
  // Per account over all its tasks first (the figures an operator recognises), then task by task.
  refuseBelowPrevious(previous ? shortfallsAgainstPrevious(totals, previous.totals) : []);
  refuseBelowClaimed(shortfallsAgainstClaimed(totals, claimedByAccount));
  refuseBelowPrevious(previous ? taskShortfalls(next, previous.tree.entries()) : []);
  refuseBelowClaimed(taskShortfalls(next, claimed));
}
