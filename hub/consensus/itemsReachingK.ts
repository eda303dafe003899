import type { Db, Queryable } from '../db/adapter';

/**
 * Inside a batch's transaction, after its submissions are recorded: which of
 * its items that batch brought to k submissions. Those are marked ready
 * (items.ready_at, the record that they must be decided) and returned, to be
 * enqueued in the same transaction. Exactly one batch completes an item:
 * the one whose count reaches k sets ready_at, and only where it is unset.
 *
 * On PostgreSQL, two batches completing the same item at once would each
 * count without the other's uncommitted submission and neither would see k:
 * the items are locked first, in id order (no deadlock between batches),
 * so the second waits for the first's commit and counts it. PGlite runs one
 * transaction at a time, so it needs no lock.
 */
export async function itemsReachingK(db: Pick<Db, 'kind'>, tx: Queryable, itemIds: readonly string[], redundancy: number): Promise<string[]> {
  if (db.kind === 'postgres') {
    await tx.query('SELECT 1 FROM items WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE', [itemIds]);
  }
  const rows = await tx.query<{ id: string }>(
    `WITH complete AS (
       SELECT a.item_id FROM unnest($1::text[]) AS u(id) JOIN assignments a ON a.item_id = u.id AND a.batch_id IS NOT NULL
       GROUP BY a.item_id HAVING count(*) >= $2)
     UPDATE items i SET ready_at = now() FROM complete c
     WHERE i.id = c.item_id AND i.status = 'open' AND i.ready_at IS NULL
     RETURNING i.id`,
    [itemIds, redundancy],
  );
  return rows.map((r) => r.id);
}
