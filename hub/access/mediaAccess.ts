import type { Account } from '../auth/roles';
import type { HubContext } from '../context';
import { hasReviewerRights } from './reviewerRights';

/**
 * Whether `account` may download the media with hash `sha256`: an operator;
 * the requester of a task with an item of that media; an annotator assigned
 * such an item; a reviewer (role or tier) of such an item that is disputed
 * (or that they resolved) and that they were not assigned. The same bytes in
 * several tasks: any one of them is enough.
 */
export async function mayReadMedia(ctx: HubContext, account: Account, sha256: string): Promise<boolean> {
  if (account.roles.includes('operator')) return true;
  const [row] = await ctx.db.query<{ direct: boolean; reviewable: boolean }>(
    `SELECT
       EXISTS (SELECT 1 FROM items i JOIN tasks t ON t.id = i.task_id
               WHERE i.sha256 = $1 AND (t.requester = $2 OR EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator = $2))) AS direct,
       EXISTS (SELECT 1 FROM items i
               WHERE i.sha256 = $1
                 AND (i.status = 'disputed' OR (i.status = 'resolved' AND EXISTS (SELECT 1 FROM verdicts v WHERE v.item_id = i.id AND v.reviewer = $2)))
                 AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator = $2)) AS reviewable`,
    [sha256, account.address],
  );
  if (row?.direct) return true;
  return Boolean(row?.reviewable) && (await hasReviewerRights(ctx, account));
}
