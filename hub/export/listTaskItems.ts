import type { HubContext } from '../context';

export interface TaskItemsPage {
  taskId: string;
  /** Items per status over the whole task. */
  counts: { open: number; accepted: number; disputed: number; resolved: number };
  items: { itemId: string; index: number; fileName: string; sha256: string; status: string; submissions: number; finalizedAt: string | null }[];
  /** Pass as `after` for the next page; null on the last page. */
  next: number | null;
}

interface Row {
  id: string;
  idx: number;
  file_name: string;
  sha256: string;
  status: string;
  submitted: number;
  finalized_at: Date | null;
}

/** One page of a task's items in index order (keyset on `items.idx`), with each item's status and submission count. */
export async function listTaskItems(ctx: HubContext, taskId: string, page: { after: number; limit: number; status?: string }): Promise<TaskItemsPage> {
  // A read right after an upload sees the decisions it caused: this task's ready items only, bounded (consensus/decisionWait.ts).
  await ctx.consensus.settledTask(taskId);
  const rows = await ctx.db.query<Row>(
    `SELECT i.id, i.idx, i.file_name, i.sha256, i.status, i.finalized_at,
       (SELECT count(*)::int FROM assignments a WHERE a.item_id = i.id AND a.batch_id IS NOT NULL) AS submitted
     FROM items i WHERE i.task_id = $1 AND i.idx > $2 AND ($3::text IS NULL OR i.status = $3)
     ORDER BY i.idx LIMIT $4`,
    [taskId, page.after, page.status ?? null, page.limit + 1],
  );
  const counts = { open: 0, accepted: 0, disputed: 0, resolved: 0 };
  for (const c of await ctx.db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM items WHERE task_id = $1 GROUP BY status', [taskId])) {
    counts[c.status as keyof typeof counts] = c.n;
  }
  const items = rows.slice(0, page.limit).map((r) => ({
    itemId: r.id,
    index: r.idx,
    fileName: r.file_name,
    sha256: r.sha256,
    status: r.status,
    submissions: r.submitted,
    finalizedAt: r.finalized_at ? new Date(r.finalized_at).toISOString() : null,
  }));
  return { taskId, counts, items, next: rows.length > page.limit ? items[items.length - 1]!.index : null };
}
