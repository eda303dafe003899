/**
 * Schema of issue 15 (scale): assignment without scanning the task and
 * without the task-row lock (tasks/pickRandomItems.ts, tiers/workGate.ts).
 *
 * - `items.open_slots`: how many more annotators an item takes (redundancy −
 *   assigned while open, 0 once decided). Maintained by the one statement
 *   that takes a slot (tasks/pickRandomItems.ts); the CHECK makes
 *   over-assignment an error even if a future writer forgets the lock.
 * - `items_pickable`: a partial index over the items that still have a slot,
 *   in shuffle order. A random seek lands on a takeable item at once instead
 *   of walking past the full-but-unsubmitted ones (most of a busy task).
 * - `task_open_slots`: the task's free slots, split over shards so concurrent
 *   assignments do not queue on one counter row; the sum is the count
 *   (tasks/openSlots.ts). The scarce-items rule reads it instead of summing
 *   the task's items.
 * - `assignments_unsubmitted`: an annotator's unsubmitted work on a task (the
 *   cap and the work handed back) without walking everything they ever did.
 * - `work_requests_recent`: the askers of a task in the scarce window.
 *
 * Existing rows are backfilled: each open item's slots from its task's
 * redundancy and its assignment count, each task's counter (shard 0) from
 * its items.
 */
export const assignmentScaleMigration = {
  version: 9,
  statements: [
    `ALTER TABLE items ADD COLUMN open_slots int NOT NULL DEFAULT 0 CONSTRAINT items_open_slots_nonnegative CHECK (open_slots >= 0)`,
    `UPDATE items i SET open_slots = greatest(t.redundancy - (SELECT count(*) FROM assignments a WHERE a.item_id = i.id), 0)
     FROM tasks t WHERE t.id = i.task_id AND i.status = 'open'`,
    `CREATE INDEX items_pickable ON items(task_id, shuffle) WHERE open_slots > 0 AND status = 'open'`,
    `CREATE TABLE task_open_slots (
      task_id text NOT NULL REFERENCES tasks(id),
      shard int NOT NULL,
      slots bigint NOT NULL,
      PRIMARY KEY (task_id, shard))`,
    `INSERT INTO task_open_slots (task_id, shard, slots)
     SELECT t.id, 0, coalesce((SELECT sum(i.open_slots) FROM items i WHERE i.task_id = t.id AND i.status = 'open'), 0) FROM tasks t`,
    `CREATE INDEX assignments_unsubmitted ON assignments(annotator, task_id) WHERE batch_id IS NULL`,
    `CREATE INDEX work_requests_recent ON work_requests(task_id, requested_at)`,
  ],
};
