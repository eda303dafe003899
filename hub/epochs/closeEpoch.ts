import type { HubContext } from '../context';
import { conflict, HubError } from '../http/hubError';
import { finalizeReadyItems } from '../consensus/finalizeItems';
import { catchUpReputation } from '../reputation/catchUp';
import { epochPayouts, snapshotPaidReputation, type PayableItem } from './epochPayouts';
import { buildEpochTree } from './rewardTree';

export interface EpochResult {
  epoch: string;
  root: string;
  txHash: string;
  /** Cumulative wei per account after this epoch. */
  totals: Record<string, string>;
  /** Items whose rewards this epoch added. */
  rewardedItems: number;
}

interface EpochRow {
  epoch: bigint;
  root: string;
  totals: Record<string, string>;
  status: string;
}

async function post(ctx: HubContext, row: EpochRow, rewardedItems: number): Promise<EpochResult> {
  const { txHash } = await ctx.chain!.postRoot(row.epoch, row.root);
  await ctx.db.query(`UPDATE epochs SET status = 'posted', tx_hash = $2 WHERE epoch = $1`, [row.epoch, txHash]);
  return { epoch: row.epoch.toString(), root: row.root, txHash, totals: row.totals, rewardedItems };
}

/**
 * Closes an epoch: rewards every annotator whose shapes agreed with the
 * final labels (consensus or a reviewer's verdict) of items finalized since
 * the last epoch (the item's reward × their multiplier, see epochPayouts.ts)
 * and each verdict's reviewer (the task's reviewer fee), builds the tree of cumulative totals and posts its root.
 * The epoch is stored as 'pending' before the transaction is sent, so a
 * failed post is retried by the next close instead of being recomputed.
 */
export async function closeEpoch(ctx: HubContext): Promise<EpochResult> {
  if (!ctx.chain) throw new HubError(503, 'chain_not_configured', 'this hub has no RPC_URL/OPERATOR_KEY: it cannot post reward roots');
  const [pending] = await ctx.db.query<EpochRow>(`SELECT epoch, root, totals, status FROM epochs WHERE status = 'pending' ORDER BY epoch LIMIT 1`);
  if (pending) return post(ctx, pending, 0);
  // Decide everything that is complete: the background queue first, then anything a stop or failure left behind.
  await ctx.consensusIdle();
  await finalizeReadyItems(ctx);
  // Reputations of items decided so far (the multiplier snapshot below is taken after them).
  await catchUpReputation(ctx);
  const onChain = await ctx.chain.currentEpoch();
  const { row, rewardedItems } = await ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(424243)');
    const [last] = await tx.query<{ epoch: bigint | null }>('SELECT max(epoch) AS epoch FROM epochs');
    const epoch = (last?.epoch ?? 0n) > onChain ? last!.epoch! + 1n : onChain + 1n;
    const items = await tx.query<PayableItem>(
      `SELECT i.id, i.status, t.reward_per_item::text AS reward_per_item, t.reviewer_fee::text AS reviewer_fee,
         ARRAY(SELECT jsonb_array_elements_text(i.consensus->'agreeingAnnotators')) AS agreeing, v.reviewer
       FROM items i JOIN tasks t ON t.id = i.task_id LEFT JOIN verdicts v ON v.item_id = i.id
       WHERE i.status IN ('accepted', 'resolved') AND i.rewarded_epoch IS NULL FOR UPDATE OF i`,
    );
    const earners = await epochPayouts(tx, items, ctx.config.multiplierBounds);
    if (earners.length === 0) throw conflict('nothing_to_reward', 'no accepted item has earned a reward since the last epoch');
    await tx.query(`INSERT INTO epochs (epoch, root, tree, totals, status) VALUES ($1, '', '{}'::jsonb, '{}'::jsonb, 'building')`, [epoch]);
    await tx.query(
      `INSERT INTO rewards (item_id, account, epoch, amount) SELECT item, account, $1, amount FROM unnest($2::text[], $3::text[], $4::numeric[]) AS u(item, account, amount)`,
      [epoch, earners.map((e) => e.item), earners.map((e) => e.account), earners.map((e) => e.amount)],
    );
    await tx.query('UPDATE items SET rewarded_epoch = $1 WHERE id = ANY($2::text[])', [epoch, items.map((i) => i.id)]);
    await snapshotPaidReputation(tx);
    const sums = await tx.query<{ account: string; total: string }>('SELECT account, sum(amount)::text AS total FROM rewards GROUP BY account ORDER BY account');
    const totals = Object.fromEntries(sums.map((s) => [s.account, s.total]));
    const tree = buildEpochTree(ctx.config.chainId, ctx.config.rewardsContract, new Map(sums.map((s) => [s.account, BigInt(s.total)])));
    await tx.query(`UPDATE epochs SET root = $2, tree = $3::jsonb, totals = $4::jsonb, status = 'pending' WHERE epoch = $1`, [
      epoch,
      tree.root,
      JSON.stringify(tree.dump),
      JSON.stringify(totals),
    ]);
    return { row: { epoch, root: tree.root, totals, status: 'pending' }, rewardedItems: items.length };
  });
  return post(ctx, row, rewardedItems);
}
