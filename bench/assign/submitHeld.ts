import type { Db } from '../../hub/db/adapter';

/**
 * Stands in for the annotators' label uploads between waves (not measured):
 * every unsubmitted assignment of the task gets its annotator's batch, as
 * storeBatch's UPDATE would, so each wave asks below the cap of unsubmitted
 * work and every request picks new items (the hard case), not only its held
 * work back. The batch rows are placeholders (no labels): nothing here runs
 * consensus.
 */
export async function createAnnotatorBatches(db: Db, taskId: string, annotators: string[]): Promise<void> {
  await db.query(
    `INSERT INTO batches (digest, annotator, task_id, root, item_count, nonce, deadline, signature, labels)
     SELECT 'bench-' || a, a, $1, '0x', 0, 0, 0, '0x', ''::bytea FROM unnest($2::text[]) AS a`,
    [taskId, annotators],
  );
}

export async function submitAllHeld(db: Db, taskId: string): Promise<void> {
  await db.query(
    `UPDATE assignments a SET batch_id = b.id, label_hash = '0x' FROM batches b
     WHERE a.task_id = $1 AND a.batch_id IS NULL AND b.digest = 'bench-' || a.annotator`,
    [taskId],
  );
}
