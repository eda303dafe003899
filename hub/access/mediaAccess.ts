import type { Account } from '../auth/roles';
import type { HubContext } from '../context';
import { hasReviewerRights } from './reviewerRights';

/**
 * What `account` may get for the media hash `sha256`, through the items it
 * may see: `bytes` — the hub's stored bytes; `url` — the item's own URL
 * (URL-only media is answered with a redirect). Null: nothing, answered
 * like an absent hash.
 */
export interface MediaGrant {
  bytes: boolean;
  url: string | null;
}

/**
 * The items that let `account` see media `sha256`: an operator sees all;
 * the requester of a task with an item of that media; an annotator
 * assigned such an item; a reviewer (role or tier) of such an item that is
 * disputed (or that they resolved) and that they were not assigned.
 *
 * An item opens the hub's stored bytes only when its task's requester
 * uploaded those bytes themselves (`media_uploads`). A task may list any
 * hash without sending it: without this rule, requester B could list A's
 * hash as an item and download A's file, as B or through an annotator
 * wallet B controls. Such an item gets its own `url` (a redirect to where B
 * said the media is), or nothing.
 */
export async function mediaGrant(ctx: HubContext, account: Account, sha256: string): Promise<MediaGrant | null> {
  if (account.roles.includes('operator')) {
    const [item] = await ctx.db.query<{ url: string }>('SELECT url FROM items WHERE sha256 = $1 AND url IS NOT NULL LIMIT 1', [sha256]);
    return { bytes: true, url: item?.url ?? null };
  }
  const rows = await ctx.db.query<{ direct: boolean; backed: boolean; url: string | null }>(
    `SELECT (t.requester = $2 OR EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator = $2)) AS direct,
            EXISTS (SELECT 1 FROM media_uploads u WHERE u.sha256 = i.sha256 AND u.uploader = t.requester) AS backed,
            i.url
     FROM items i JOIN tasks t ON t.id = i.task_id
     WHERE i.sha256 = $1
       AND (t.requester = $2
            OR EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator = $2)
            OR ((i.status = 'disputed' OR (i.status = 'resolved' AND EXISTS (SELECT 1 FROM verdicts v WHERE v.item_id = i.id AND v.reviewer = $2)))
                AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator = $2)))
     ORDER BY i.id
     LIMIT 50`,
    [sha256, account.address],
  );
  // Rows seen only as a reviewer count only with reviewer rights (read once, only when such a row exists).
  const direct = rows.filter((r) => r.direct);
  const granted = direct.length === rows.length || !(await hasReviewerRights(ctx, account)) ? direct : rows;
  if (granted.length === 0) return null;
  const bytes = granted.some((r) => r.backed);
  const url = granted.find((r) => r.url !== null)?.url ?? null;
  return bytes || url ? { bytes, url } : null;
}
