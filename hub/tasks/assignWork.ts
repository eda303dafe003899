import type { HubContext } from '../context';
import { mayTakeScarceWork, requireTaskTier } from '../tiers/workGate';
import { getTask } from './taskStore';

export interface AssignedItem {
  itemId: string;
  sha256: string;
  fileName: string;
  width: number;
  height: number;
  url: string | null;
}

/**
 * Hands an annotator up to `count` items of a task: first the ones already
 * assigned to them and not yet submitted (a workstation that restarts gets
 * its work back), then new ones, each item to at most `redundancy` different
 * annotators and never twice to the same one (primary key annotator+item).
 */
export async function assignWork(ctx: HubContext, annotator: string, taskId: string, count: number): Promise<AssignedItem[]> {
  // Tier first, outside the transaction: it reads stake over RPC.
  await requireTaskTier(ctx, annotator, await getTask(ctx.db, taskId));
  const assigned = await ctx.db.transaction(async (tx) => {
    // Serialises assignment per task on a real server, so concurrent requests cannot over-assign an item.
    await tx.query('SELECT id FROM tasks WHERE id = $1 FOR UPDATE', [taskId]);
    const task = await getTask(tx, taskId);
    const open = await tx.query<{ id: string }>(
      `SELECT i.id FROM assignments a JOIN items i ON i.id = a.item_id
       WHERE a.annotator = $1 AND a.task_id = $2 AND a.batch_id IS NULL ORDER BY i.idx LIMIT $3`,
      [annotator, taskId, count],
    );
    // Scarce items go to the best-ranked askers first (tiers/workGate.ts); assigned work always comes back.
    const mayTakeNew = await mayTakeScarceWork(ctx, tx, task, annotator);
    const fresh = await tx.query<{ id: string }>(
      `WITH picked AS (
         SELECT i.id FROM items i
         WHERE i.task_id = $1 AND i.status = 'open' AND i.assigned < $2
           AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator = $3)
         ORDER BY i.assigned DESC, i.idx LIMIT $4),
       added AS (
         INSERT INTO assignments (item_id, annotator, task_id) SELECT id, $3, $1 FROM picked RETURNING item_id)
       UPDATE items SET assigned = assigned + 1 WHERE id IN (SELECT item_id FROM added) RETURNING id`,
      [taskId, task.redundancy, annotator, mayTakeNew ? Math.max(0, count - open.length) : 0],
    );
    const ids = [...open.map((r) => r.id), ...fresh.map((r) => r.id)];
    if (ids.length === 0) return [];
    const rows = await tx.query<{ id: string; sha256: string; file_name: string; width: number; height: number; url: string | null }>(
      'SELECT id, sha256, file_name, width, height, url FROM items WHERE id = ANY($1::text[]) ORDER BY idx',
      [ids],
    );
    ctx.statistics.touched(fresh.length);
    return rows.map((r) => ({ itemId: r.id, sha256: r.sha256, fileName: r.file_name, width: r.width, height: r.height, url: r.url }));
  });
  return assigned;
}
