import type { HubContext } from '../context';
import { SessionLockBusy, SessionLockLost, type LockedSession } from '../db/adapter';
import { conflict, HubError } from '../http/hubError';
import { finalizeReadyItems } from '../consensus/finalizeItems';
import { catchUpReputation } from '../reputation/catchUp';
import { epochPayouts, snapshotPaidReputation, type PayableItem } from './epochPayouts';
import type { ChainClient } from './chainClient';
import { refuseShrinkingTotals } from './refuseShrinkingTotals';
import { settlePendingEpoch, type PendingEpoch } from './settlePendingEpoch';
import { capToFunds, fundsOf, type HeldTask } from './taskPools';
import { buildEpochTotals } from './epochTotals';

/** The session advisory lock every closer takes, in every hub process on the database. */
export const EPOCH_CLOSE_LOCK = 424244n;

export interface EpochResult {
  epoch: string;
  root: string;
  /** null only when a root found already on chain could not be traced to its transaction (see `note`). */
  txHash: string | null;
  /** True when this close found the pending epoch already on chain and only recorded it. */
  recovered?: boolean;
  note?: string;
  /** Cumulative wei per account after this epoch. */
  totals: Record<string, string>;
  /** Items whose rewards this epoch added. */
  rewardedItems: number;
  /** Tasks whose pool could not cover all their final items: those items wait, unrewarded, for a deposit. */
  heldForFunds?: HeldTask[];
}

async function settle(ctx: HubContext, chain: ChainClient, session: LockedSession, row: PendingEpoch, rewardedItems: number, totalsChecked: boolean, held: HeldTask[] = []): Promise<EpochResult> {
  const settled = await settlePendingEpoch(ctx, chain, session, row, { totalsChecked });
  const extra = settled.recovered ? { recovered: true, ...(settled.note ? { note: settled.note } : {}) } : {};
  return { epoch: row.epoch.toString(), root: row.root, txHash: settled.txHash, totals: row.totals, rewardedItems, ...(held.length > 0 ? { heldForFunds: held } : {}), ...extra };
}

/**
 * Closes an epoch: rewards every annotator whose shapes agreed with the
 * final labels (consensus or a reviewer's verdict) of items finalized since
 * the last epoch (the item's reward × their multiplier, see epochPayouts.ts)
 * and each verdict's reviewer (the task's reviewer fee), builds the tree of
 * cumulative (task, account) totals and posts its root with each task's
 * allocation. A task is never allocated more than its pool on chain holds:
 * items its remaining funds cannot cover are left unrewarded, and paid at a
 * later close once the requester deposits more (taskPools.ts).
 * The epoch is stored as 'pending' before the transaction is sent, so a
 * failed post is settled by the next close (recorded if it was mined after
 * all, posted otherwise) instead of being recomputed. Totals that would pay
 * any account less than before are refused (refuseShrinkingTotals).
 *
 * One closer at a time across hub processes: a second one is refused at once
 * with 409 epoch_close_in_progress rather than queued — waiting would only
 * make it build a second epoch right after the first (or answer
 * nothing_to_reward), which is not what an operator who pressed "close"
 * twice, or two replicas on a timer, meant.
 */
export async function closeEpoch(ctx: HubContext): Promise<EpochResult> {
  const chain = ctx.chain;
  if (!chain) throw new HubError(503, 'chain_not_configured', 'this hub has no RPC_URL/OPERATOR_KEY: it cannot post reward roots');
  try {
    return await ctx.db.withSessionLock(EPOCH_CLOSE_LOCK, { wait: false }, (session) => closeHoldingLock(ctx, chain, session));
  } catch (e) {
    if (e instanceof SessionLockBusy) {
      throw conflict('epoch_close_in_progress', 'another epoch close is running (in this or another hub process): nothing was done; GET /epochs shows its outcome when it ends');
    }
    if (e instanceof SessionLockLost) {
      throw new HubError(503, 'epoch_close_lock_lost', 'the database connection holding the epoch-close lock dropped before the root was sent: nothing was posted; close again');
    }
    throw e;
  }
}

async function closeHoldingLock(ctx: HubContext, chain: ChainClient, session: LockedSession): Promise<EpochResult> {
  const [pending] = await ctx.db.query<PendingEpoch>(`SELECT epoch, root, totals, tree FROM epochs WHERE status = 'pending' ORDER BY epoch LIMIT 1`);
  if (pending) return settle(ctx, chain, session, pending, 0, false);
  // Decide everything that is complete, here and now (idempotent: a job deciding the same items elsewhere writes nothing twice).
  // Not waiting for the job queue to drain: under continuous ingest across processes it never would.
  await finalizeReadyItems(ctx);
  // Reputations of items decided so far (the multiplier snapshot below is taken after them).
  await catchUpReputation(ctx);
  const onChain = await chain.currentEpoch();
  const { row, rewardedItems, held } = await ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(424243)');
    const [last] = await tx.query<{ epoch: bigint | null }>('SELECT max(epoch) AS epoch FROM epochs');
    const epoch = (last?.epoch ?? 0n) > onChain ? last!.epoch! + 1n : onChain + 1n;
    const payable = await tx.query<PayableItem & { task: string; reward_token: string }>(
      `SELECT i.id, i.status, t.reward_per_item::text AS reward_per_item, t.reviewer_fee::text AS reviewer_fee,
         ARRAY(SELECT jsonb_array_elements_text(i.consensus->'agreeingAnnotators')) AS agreeing, v.reviewer,
         t.task_hash AS task, t.reward_token
       FROM items i JOIN tasks t ON t.id = i.task_id LEFT JOIN verdicts v ON v.item_id = i.id
       WHERE i.status IN ('accepted', 'resolved') AND i.rewarded_epoch IS NULL ORDER BY i.id FOR UPDATE OF i`,
    );
    const funds = await fundsOf(tx, chain, new Map(payable.map((i) => [i.task, i.reward_token])));
    const { items, payouts: earners, held } = capToFunds(payable, await epochPayouts(tx, payable, ctx.config.multiplierBounds), funds);
    if (earners.length === 0) {
      const waiting = held.length > 0 ? `; ${held.reduce((n, h) => n + h.heldItems, 0)} final item(s) of ${held.length} task(s) wait for their task's pool to cover them (${held.map((h) => `${h.task}: ${h.state}, ${h.remaining} left, ${h.needed} needed`).join('; ')})` : '';
      throw conflict('nothing_to_reward', `no accepted item has earned a reward since the last epoch${waiting}`);
    }
    await tx.query(`INSERT INTO epochs (epoch, root, tree, totals, status) VALUES ($1, '', '{}'::jsonb, '{}'::jsonb, 'building')`, [epoch]);
    await tx.query(
      `INSERT INTO rewards (item_id, account, epoch, amount) SELECT item, account, $1, amount FROM unnest($2::text[], $3::text[], $4::numeric[]) AS u(item, account, amount)`,
      [epoch, earners.map((e) => e.item), earners.map((e) => e.account), earners.map((e) => e.amount)],
    );
    await tx.query('UPDATE items SET rewarded_epoch = $1 WHERE id = ANY($2::text[])', [epoch, items.map((i) => i.id)]);
    await snapshotPaidReputation(tx);
    const { tree, totals } = await buildEpochTotals(tx, ctx.config.chainId, ctx.config.rewardsContract);
    const dump = tree.dump();
    // Inside the transaction: a refusal rolls the whole epoch back, so nothing is written.
    await refuseShrinkingTotals(tx, chain, epoch, totals, tree);
    await tx.query(`UPDATE epochs SET root = $2, tree = $3::jsonb, totals = $4::jsonb, status = 'pending' WHERE epoch = $1`, [
      epoch,
      tree.root,
      JSON.stringify(dump),
      JSON.stringify(totals),
    ]);
    return { row: { epoch, root: tree.root, totals, tree: dump }, rewardedItems: items.length, held };
  });
  return settle(ctx, chain, session, row, rewardedItems, true, held);
}
