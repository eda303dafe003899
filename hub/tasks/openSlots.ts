import { randomInt } from 'node:crypto';
import type { Queryable } from '../db/adapter';

/**
 * A task's free assignment slots (Σ over its open items of redundancy −
 * assigned), kept in `task_open_slots` (migration 9) so the scarce-items rule
 * reads a number instead of summing a task of millions of items. The counter
 * is split over SLOT_SHARDS rows: every assignment subtracts what it took
 * from one shard chosen at random, so concurrent askers rarely wait on the
 * same row; a shard may go negative, only the sum means anything.
 * Writers: createTask (adds the task's k × items to shard 0) and
 * pickRandomItems (subtracts in the statement that takes the slots). No
 * other path takes or frees a slot (no assignment is ever released).
 */
export const SLOT_SHARDS = 32;

export const randomSlotShard = (): number => randomInt(SLOT_SHARDS);

/** The counter of a new task: all its slots in shard 0. */
export async function addTaskSlots(tx: Queryable, taskId: string, slots: number): Promise<void> {
  await tx.query(
    `INSERT INTO task_open_slots (task_id, shard, slots) VALUES ($1, 0, $2)
     ON CONFLICT (task_id, shard) DO UPDATE SET slots = task_open_slots.slots + EXCLUDED.slots`,
    [taskId, slots],
  );
}

/** The free slots of task `$1`: the sum of its shards (at most SLOT_SHARDS rows, by primary key), as a subquery. */
export const OPEN_SLOTS_SQL = 'SELECT coalesce(sum(slots), 0)::int FROM task_open_slots WHERE task_id = $1';

/** The same figure counted from the items (O(task)): for tests and the bench to check the counter against. */
export async function recountOpenSlots(db: Queryable, taskId: string): Promise<{ counter: number; recount: number; itemsDrift: number }> {
  const [row] = await db.query<{ counter: number; recount: number; drift: number }>(
    `SELECT (${OPEN_SLOTS_SQL}) AS counter,
       (SELECT coalesce(sum(t.redundancy - (SELECT count(*) FROM assignments a WHERE a.item_id = i.id)), 0)::int
          FROM items i JOIN tasks t ON t.id = i.task_id WHERE i.task_id = $1 AND i.status = 'open') AS recount,
       (SELECT count(*)::int FROM items i JOIN tasks t ON t.id = i.task_id WHERE i.task_id = $1 AND (
          i.assigned <> (SELECT count(*) FROM assignments a WHERE a.item_id = i.id)
          OR i.open_slots <> CASE WHEN i.status = 'open' THEN t.redundancy - i.assigned ELSE i.open_slots END)) AS drift`,
    [taskId],
  );
  return { counter: row!.counter, recount: row!.recount, itemsDrift: row!.drift };
}
