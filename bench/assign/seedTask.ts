import { taskIdToBytes32 } from '../../core/sync/labelBatch';
import type { Db } from '../../hub/db/adapter';
import { addTaskSlots } from '../../hub/tasks/openSlots';

/**
 * A task of `items` items written straight into the hub's schema (after
 * `migrate`) with generate_series, in chunks: what `createTask` writes
 * (items with k open slots and a random shuffle key, the task's slot
 * counter), minus a 1,000,000-item JSON body over HTTP. Publishing is not
 * what this bench measures.
 */
export async function seedTask(db: Db, opts: { taskId: string; requester: string; items: number; redundancy: number }): Promise<void> {
  const { taskId, requester, items, redundancy } = opts;
  await db.query(
    `INSERT INTO tasks (id, task_hash, requester, title, label_schema, redundancy, reward_per_item, reward_token, item_count)
     VALUES ($1, $2, $3, 'assignment bench', '{"classes":[{"name":"car"}]}'::jsonb, $4, 1000, $3, $5)`,
    [taskId, taskIdToBytes32(taskId), requester, redundancy, items],
  );
  const CHUNK = 200_000;
  for (let from = 0; from < items; from += CHUNK) {
    await db.query(
      `INSERT INTO items (id, task_id, idx, sha256, file_name, width, height, open_slots)
       SELECT $1 || '_' || g, $1, g, lpad(to_hex(g), 64, '0'), 'img' || g || '.jpg', 640, 480, $2
       FROM generate_series($3::int, $4::int) AS g`,
      [taskId, redundancy, from, Math.min(items, from + CHUNK) - 1],
    );
  }
  await addTaskSlots(db, taskId, items * redundancy);
}
