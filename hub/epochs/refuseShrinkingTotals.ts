import type { Queryable } from '../db/adapter';
import { conflict } from '../http/hubError';
import type { ChainClient } from './chainClient';
import { describeShortfalls, shortfallsAgainstClaimed, shortfallsAgainstPrevious } from './totalsNeverShrink';

/** Parallel claimed() reads: enough to hide RPC latency, few enough not to be throttled. */
const CLAIMED_READS_AT_ONCE = 8;

async function claimedOnChain(chain: ChainClient, accounts: readonly string[]): Promise<Map<string, bigint>> {
  const claimed = new Map<string, bigint>();
  for (let i = 0; i < accounts.length; i += CLAIMED_READS_AT_ONCE) {
    const slice = accounts.slice(i, i + CLAIMED_READS_AT_ONCE);
    const amounts = await Promise.all(slice.map((a) => chain.claimed(a)));
    slice.forEach((a, k) => claimed.set(a, amounts[k]!));
  }
  return claimed;
}

/**
 * Throws a 409 naming the accounts and figures when `totals` (epoch
 * `epoch`'s cumulative amounts) would pay any account less than the last
 * posted epoch did, or less than it already claimed on chain. Run inside the
 * transaction that builds the epoch, so a refusal writes nothing, and again
 * before a pending epoch is re-posted.
 */
export async function refuseShrinkingTotals(q: Queryable, chain: ChainClient, epoch: bigint, totals: Record<string, string>): Promise<void> {
  const [previous] = await q.query<{ epoch: bigint; totals: Record<string, string> }>(
    `SELECT epoch, totals FROM epochs WHERE epoch < $1 AND status = 'posted' ORDER BY epoch DESC LIMIT 1`,
    [epoch],
  );
  if (previous) {
    const below = shortfallsAgainstPrevious(totals, previous.totals);
    if (below.length > 0) {
      throw conflict('totals_below_previous_epoch', `epoch ${epoch} refused, nothing posted: cumulative totals may never shrink, but ${describeShortfalls(below, `epoch ${previous.epoch}'s total`)}`);
    }
  }
  const accounts = [...new Set([...Object.keys(totals), ...Object.keys(previous?.totals ?? {})])];
  const below = shortfallsAgainstClaimed(totals, await claimedOnChain(chain, accounts));
  if (below.length > 0) {
    throw conflict('totals_below_claimed', `epoch ${epoch} refused, nothing posted: ${describeShortfalls(below, 'what it already claimed on chain,')}`);
  }
}
