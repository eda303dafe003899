/**
 * Issue 15, after measuring: `items_open_shuffle` (task_id, shuffle) WHERE
 * status = 'open' served the assignment rule before migration 9, whose seeks
 * now go through `items_pickable` (open_slots > 0 AND status = 'open').
 * Nothing reads it any more, yet every write to an open item — a slot taken
 * (open_slots), an item marked ready (ready_at) — is not a HOT update (the
 * changed columns are in other indexes' keys or conditions) and so adds an
 * entry to it: one index of the nine `items` had, maintained for nothing,
 * on the two hottest writes of the hub. The planner also picked it now and
 * then for the new seek (bench:assign), where `items_pickable` is the right
 * one. bench:assign builds it back for its old-rule baseline only.
 */
export const dropUnusedIndexMigration = {
  version: 11,
  statements: [`DROP INDEX IF EXISTS items_open_shuffle`],
};
