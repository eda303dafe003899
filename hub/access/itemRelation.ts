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

interface RelationRow {
  status: string;
  ready: boolean;
  requester: string;
  assigned: boolean;
  verdict_reviewer: string | null;
}

async function relationRow(ctx: HubContext, account: Account, itemId: string): Promise<RelationRow> {
  const [row] = await ctx.db.query<RelationRow>(
    `SELECT i.status, i.ready_at IS NOT NULL AS ready, t.requester,
       EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator = $2) AS assigned,
       (SELECT v.reviewer FROM verdicts v WHERE v.item_id = i.id) AS verdict_reviewer
     FROM items i JOIN tasks t ON t.id = i.task_id WHERE i.id = $1`,
    [itemId, account.address],
  );
  if (!row) throw notFound('unknown_item', `no item "${itemId}"`);
  return row;
}

const underReview = (row: RelationRow, account: Account) => row.status === 'disputed' || (row.status === 'resolved' && row.verdict_reviewer === account.address);

/**
 * Access is resolved before any wait for a decision: a caller with no
 * relation to the item is answered at once, so it can neither make the hub
 * poll for it nor learn from the latency whether the item reached k
 * (attacks/strangerProbesReadiness.test.ts). Operators, the requester and
 * annotators do not depend on the decision at all (the item route waits for
 * it afterwards); only a reviewer candidate of a still-open item does: it
 * may be about to become a dispute.
 */
export async function itemRelation(ctx: HubContext, account: Account, itemId: string): Promise<ItemRelation> {
  let row = await relationRow(ctx, account, itemId);
  if (account.roles.includes('operator')) return 'operator';
  if (row.requester === account.address) return 'requester';
  if (row.assigned) return 'annotator';
  // Reviewer rights may read stake over RPC: asked only when they could matter. Asked for every open item, ready or
  // not, so the cost of asking tells a non-reviewer nothing about readiness.
  if (!(row.status === 'open' || underReview(row, account))) return 'none';
  if (!(await hasReviewerRights(ctx, account))) return 'none';
  if (row.status === 'open' && row.ready) {
    // A read right after an upload must see the item's decision (disputed or not), as the item routes do.
    await ctx.consensus.settled(itemId);
    row = await relationRow(ctx, account, itemId);
  }
  return underReview(row, account) ? 'reviewer' : 'none';
}
