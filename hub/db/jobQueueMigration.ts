/**
 * Schema of issue 15 (scale): consensus, scoring and epochs as jobs
 * (hub/jobs/README.md). pg-boss keeps its own tables in the `pgboss` schema
 * (created by pg-boss itself at start); this version adds what lets the hub
 * find its work without scanning:
 *
 * - `items.ready_at`: set, in the batch's own transaction, on the items that
 *   batch brought to k submissions (batches/recordSubmissions.ts). It is the
 *   record that an item must be decided, whatever happens to its job.
 * - `items_ready`: the open items that reached k — the sweep at start and
 *   before every epoch close (finalizeReadyItems) and the bounded wait of
 *   `GET /items/:id` read it instead of counting every open item's
 *   submissions.
 * - `assignments_submitted`: an item's submissions, counted from the index
 *   when a batch lands (which of its items just reached k).
 * - `items_payable`: final items not in an epoch yet (epoch close).
 *
 * Existing rows are backfilled: every open item that already has k
 * submissions is marked ready (the first start after this migration
 * decides it).
 */
export const jobQueueMigration = {
  version: 10,
  statements: [
    `ALTER TABLE items ADD COLUMN ready_at timestamptz`,
    `CREATE INDEX assignments_submitted ON assignments(item_id) WHERE batch_id IS NOT NULL`,
    `UPDATE items i SET ready_at = now() FROM tasks t
     WHERE t.id = i.task_id AND i.status = 'open'
       AND (SELECT count(*) FROM assignments a WHERE a.item_id = i.id AND a.batch_id IS NOT NULL) >= t.redundancy`,
    `CREATE INDEX items_ready ON items(ready_at, id) WHERE status = 'open' AND ready_at IS NOT NULL`,
    `CREATE INDEX items_payable ON items(id) WHERE status IN ('accepted', 'resolved') AND rewarded_epoch IS NULL`,
  ],
};
