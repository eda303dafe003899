import type { RunningHub } from '../../hub/startHub';

/**
 * A SIMULATION of the assignment rule before issue 9, for the same-run
 * baseline only: new items "partly assigned first, in index order", no cap
 * on unsubmitted work. It writes the same rows the hub's assignWork writes
 * (assignments + items.assigned) straight into the bench hub's database;
 * submissions still go over HTTP as signed batches. Not hub code: the hub no
 * longer has this rule.
 */
export async function assignByOldRule(hub: RunningHub, annotator: string, taskId: string, count: number): Promise<string[]> {
  return hub.context.db.transaction(async (tx) => {
    const [task] = await tx.query<{ redundancy: number }>('SELECT redundancy FROM tasks WHERE id = $1 FOR UPDATE', [taskId]);
    const open = await tx.query<{ id: string }>(
      `SELECT i.id FROM assignments a JOIN items i ON i.id = a.item_id
       WHERE a.annotator = $1 AND a.task_id = $2 AND a.batch_id IS NULL ORDER BY i.idx LIMIT $3`,
      [annotator, taskId, count],
    );
    const fresh = await tx.query<{ id: string }>(
      `WITH picked AS (
         SELECT i.id FROM items i
         WHERE i.task_id = $1 AND i.status = 'open' AND i.assigned < $2
           AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator = $3)
         ORDER BY i.assigned DESC, i.idx LIMIT $4),
       added AS (INSERT INTO assignments (item_id, annotator, task_id) SELECT id, $3, $1 FROM picked RETURNING item_id)
       UPDATE items SET assigned = assigned + 1 WHERE id IN (SELECT item_id FROM added) RETURNING id`,
      [taskId, task!.redundancy, annotator, Math.max(0, count - open.length)],
    );
    return [...open.map((r) => r.id), ...fresh.map((r) => r.id)];
  });
}
