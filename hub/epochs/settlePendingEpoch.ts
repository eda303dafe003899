import type { LockedSession } from '../db/adapter';
import type { HubContext } from '../context';
import { conflict, HubError } from '../http/hubError';
import type { ChainClient } from './chainClient';
import { pendingAgainstChain } from './pendingAgainstChain';
import { refuseShrinkingTotals } from './refuseShrinkingTotals';
import { loadRewardsTree, type RewardsTreeDump } from '../../core/sync/rewardsTree';
import { allocationsToPost } from './epochTotals';

export interface PendingEpoch {
  epoch: bigint;
  root: string;
  /** Per account, summed over tasks. */
  totals: Record<string, string>;
  /** The epoch's tree: every (task, account)'s cumulative amount. */
  tree: RewardsTreeDump;
}

export interface SettledEpoch {
  txHash: string | null;
  /** True when the root was already on chain and this close only recorded it. */
  recovered: boolean;
  /** Why txHash is null, when it is. */
  note?: string;
}

async function markPosted(ctx: HubContext, epoch: bigint, txHash: string | null): Promise<void> {
  await ctx.db.query(`UPDATE epochs SET status = 'posted', tx_hash = $2 WHERE epoch = $1 AND status = 'pending'`, [epoch, txHash]);
}

/**
 * Brings a pending epoch to 'posted', holding the epoch-close lock. The chain
 * is asked first, because a post may have been mined without the hub hearing
 * of it (RPC timeout, crash between receipt and UPDATE): then the epoch is
 * only recorded, never sent again. A chain that moved elsewhere is refused.
 */
export async function settlePendingEpoch(ctx: HubContext, chain: ChainClient, session: LockedSession, pending: PendingEpoch, opts: { totalsChecked: boolean }): Promise<SettledEpoch> {
  const [epoch, root] = await Promise.all([chain.currentEpoch(), chain.merkleRoot()]);
  const state = pendingAgainstChain(pending, { epoch, root });
  if (state.kind === 'diverged') throw conflict('chain_diverged', state.message);
  if (state.kind === 'already_posted') {
    const found = await chain.findRootPosted(pending.epoch, pending.root);
    const txHash = found.found ? found.txHash : null;
    await markPosted(ctx, pending.epoch, txHash);
    if (found.found) return { txHash, recovered: true };
    const note = `epoch ${pending.epoch} was already on chain with this root and is now recorded as posted; its transaction is unknown (${found.reason})`;
    console.warn(`hub: ${note}`);
    return { txHash: null, recovered: true, note };
  }
  const tree = loadRewardsTree(pending.tree);
  // A pending epoch from an earlier close: claims may have moved since it was built.
  if (!opts.totalsChecked) await refuseShrinkingTotals(ctx.db, chain, pending.epoch, pending.totals, tree);
  const allocations = await allocationsToPost(ctx.db, pending.epoch, tree);
  const unmined = await chain.unminedTransactions();
  if (unmined > 0) {
    throw conflict(
      'operator_transaction_unmined',
      `the operator key ${chain.operator} has ${unmined} sent transaction(s) not yet mined (perhaps an earlier post of this root): epoch ${pending.epoch} stays pending; close again once they are mined, and the chain will say whether it was posted`,
    );
  }
  // The lock's connection may have dropped while we worked; then another closer could be posting too.
  await session.assertHeld();
  let txHash: string;
  try {
    ({ txHash } = await chain.postRoot(pending.epoch, pending.root, allocations));
  } catch (e) {
    throw new HubError(
      502,
      'root_post_failed',
      `posting epoch ${pending.epoch} (root ${pending.root}) failed: ${(e as Error).message.split('\n')[0]}. It may still be mined: the epoch stays pending, and the next close checks the chain first and records it instead of posting twice`,
    );
  }
  await markPosted(ctx, pending.epoch, txHash);
  return { txHash, recovered: false };
}
