import type { Account } from '../auth/roles';
import type { HubContext } from '../context';
import { notFound } from '../http/hubError';
import { hasReviewerRights } from './reviewerRights';

/**
 * What a caller is to an item, strongest first: an operator, the task's
 * requester, one of its annotators (assigned it, submitted or not), a
 * reviewer of it (reviewer rights, never assigned it, and the item is
 * disputed — or resolved by this very reviewer), or nothing.
 * An assigned annotator stays an annotator even with reviewer rights: a
 * reviewer never sees the others' work on an item they labeled.
 */
export type ItemRelation = 'operator' | 'requester' | 'annotator' | 'reviewer' | 'none';

export async function itemRelation(ctx: HubContext, account: Account, itemId: string): Promise<ItemRelation> {
  // A read right after an upload must see the item's decision (disputed or not), as the item routes do.
  await ctx.consensus.settled(itemId);
  const [row] = await ctx.db.query<{ status: string; requester: string; assigned: boolean; verdict_reviewer: string | null }>(
    `SELECT i.status, t.requester,
       EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator = $2) AS assigned,
       (SELECT v.reviewer FROM verdicts v WHERE v.item_id = i.id) AS verdict_reviewer
     FROM items i JOIN tasks t ON t.id = i.task_id WHERE i.id = $1`,
    [itemId, account.address],
  );
  if (!row) throw notFound('unknown_item', `no item "${itemId}"`);
  if (account.roles.includes('operator')) return 'operator';
  if (row.requester === account.address) return 'requester';
  if (row.assigned) return 'annotator';
  const underReview = row.status === 'disputed' || (row.status === 'resolved' && row.verdict_reviewer === account.address);
  // Reviewer rights may read stake over RPC: asked only when they could matter.
  if (underReview && (await hasReviewerRights(ctx, account))) return 'reviewer';
  return 'none';
}
