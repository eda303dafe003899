import type { Db, Queryable } from '../db/adapter';
import type { VerifiedBatch } from './verifyBatchBody';

export interface RecordedSubmissions {
  /** The new batch row, or null when the digest or the (annotator, nonce) was already taken: nothing was written. */
  batch: { id: bigint; receivedAt: Date } | null;
  /** Assignment rows of the signer this batch marked submitted (all of its items, or the caller must refuse it). */
  marked: number;
  /** Items this batch brought to k submissions: marked ready (items.ready_at), to be decided. */
  ready: string[];
}

/**
 * Inside a batch's transaction, ONE statement: the batch row, the signer's
 * assignment row of every item marked submitted with its label hash, and
 * the items the batch brought to k marked ready (items.ready_at, the record
 * that they must be decided; the caller enqueues their decision in the same
 * transaction). One statement instead of three because on PGlite every
 * statement costs a round through the one connection, and the count below
 * seeks each item in `assignments_submitted` instead of joining the whole
 * index (a plan that took seconds once the statistics were stale).
 *
 * Every part of the statement sees the snapshot from before it, so an item's
 * earlier submissions are counted from that snapshot and this batch's own
 * adds one: the signer's row was unsubmitted there (only such rows are
 * marked). Exactly one batch completes an item: the one whose count reaches
 * k sets ready_at, and only where it is unset.
 *
 * On PostgreSQL two batches completing the same item at once would each
 * count without the other's uncommitted submission and neither would see k:
 * the items are locked first, in id order (no deadlock between batches), in
 * a statement of their own, so the second waits for the first's commit and
 * its statement's snapshot counts it. PGlite runs one transaction at a
 * time, so it needs no lock.
 */
export async function recordSubmissions(db: Pick<Db, 'kind'>, tx: Queryable, v: VerifiedBatch, taskId: string, redundancy: number): Promise<RecordedSubmissions> {
  if (db.kind === 'postgres') {
    // Only items the signer holds unsubmitted in this task: a refused or re-sent batch must not let any annotator lock
    // arbitrary items (other tasks', items being decided) for the length of its transaction.
    await tx.query(
      `SELECT 1 FROM items WHERE id IN (SELECT item_id FROM assignments WHERE annotator = $2 AND task_id = $3 AND batch_id IS NULL AND item_id = ANY($1::text[]))
       ORDER BY id FOR NO KEY UPDATE`,
      [v.itemIds, v.signer, taskId],
    );
  }
  const [row] = await tx.query<{ id: bigint | null; received_at: Date | null; marked: number; ready: string[] | null }>(
    `WITH ins AS (
       INSERT INTO batches (digest, annotator, task_id, root, item_count, nonce, deadline, signature, labels)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, decode($9, 'base64'))
       ON CONFLICT DO NOTHING RETURNING id, received_at),
     marked AS (
       UPDATE assignments a SET batch_id = ins.id, label_hash = u.hash
       FROM ins, unnest($10::text[], $11::text[]) AS u(item_id, hash)
       WHERE a.annotator = $2 AND a.item_id = u.item_id AND a.task_id = $3 AND a.batch_id IS NULL
       RETURNING a.item_id),
     complete AS (
       SELECT m.item_id FROM marked m
       WHERE (SELECT count(*) FROM assignments s WHERE s.item_id = m.item_id AND s.batch_id IS NOT NULL) + 1 >= $12),
     ready AS (
       UPDATE items i SET ready_at = now() FROM complete c
       WHERE i.id = c.item_id AND i.status = 'open' AND i.ready_at IS NULL
       RETURNING i.id)
     SELECT (SELECT id FROM ins) AS id, (SELECT received_at FROM ins) AS received_at,
       (SELECT count(*)::int FROM marked) AS marked, ARRAY(SELECT id FROM ready ORDER BY id) AS ready`,
    [v.digest, v.signer, taskId, v.batch.root, v.batch.itemCount, v.batch.nonce, String(v.batch.deadline), v.signature, v.labelsGzipBase64, v.itemIds, v.hashes, redundancy],
  );
  return {
    batch: row?.id != null ? { id: row.id, receivedAt: row.received_at! } : null,
    marked: row?.marked ?? 0,
    ready: row?.ready ?? [],
  };
}
