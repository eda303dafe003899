/**
 * The floor under the 1,000-item ingest goal: what PGlite itself takes for
 * the two writes no design that keeps a row per submission and per item can
 * skip, timed as bare statements on the bench's own hub (its data dir, its
 * schema with every index and foreign key), each in a transaction that is
 * rolled back so the hub's data stays as the runs left it:
 * - marking one annotator's 1,000 assignments submitted (the core of a
 *   batch's store, without the batch row, the readiness count or the job);
 * - writing 1,000 decisions (status and consensus document), which one batch
 *   in k = 3 pays for the items it completes.
 * The statements do the same work rolled back as committed (new row
 * versions and their index entries are written either way); BEGIN and
 * COMMIT are outside the timer, so the floor is, if anything, low. Each
 * round takes 1,000 rows no round wrote before: PGlite never vacuums, and
 * rows already updated carry dead versions that would slow the next.
 */
import type { Db, Queryable } from '../../hub/db/adapter';

export const FLOOR_ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

class RolledBack extends Error {}

/** Times `fn` inside a transaction that is then rolled back. */
async function timedAndRolledBack(db: Db, fn: (tx: Queryable) => Promise<unknown>): Promise<number> {
  let ms = 0;
  await db
    .transaction(async (tx) => {
      const t0 = performance.now();
      await fn(tx);
      ms = performance.now() - t0;
      throw new RolledBack();
    })
    .catch((e) => {
      if (!(e instanceof RolledBack)) throw e;
    });
  return ms;
}

export interface StoreFloor {
  /** Medians over the rounds. */
  markMs: number;
  decideMs: number;
  markMinMs: number;
  decideMinMs: number;
  markFirstMs: number;
  decideFirstMs: number;
  /** Per 1,000-item batch at k = 3: its marking plus a third of a decision write. */
  perBatchMs: number;
}

/**
 * `taskId`: a task of this hub whose annotator `annotator` holds `FLOOR_ROUNDS` × 1,000 unsubmitted assignments of
 * open items; `batchId`: any stored batch (the foreign key's target).
 */
export async function measureStoreFloor(db: Db, taskId: string, annotator: string, batchId: bigint): Promise<StoreFloor> {
  const rows = await db.query<{ item_id: string }>('SELECT item_id FROM assignments WHERE task_id = $1 AND annotator = $2 AND batch_id IS NULL ORDER BY item_id', [taskId, annotator]);
  if (rows.length < FLOOR_ROUNDS * 1000) throw new Error(`store floor: ${rows.length} unsubmitted assignments, ${FLOOR_ROUNDS * 1000} needed`);
  const hashes = Array.from({ length: 1000 }, (_, i) => `0x${i.toString(16).padStart(64, '0')}`);
  // A decision as finalizeItems writes it for three agreeing annotators (its size is part of the write).
  const annotators = ['0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222', '0x3333333333333333333333333333333333333333'];
  const doc = JSON.stringify({
    status: 'accepted',
    score: 1,
    labels: [
      { className: 'car', box: { x: 10, y: 20, w: 120.5, h: 80.25 } },
      { className: 'person', box: { x: 300, y: 40, w: 40, h: 110 } },
      { className: 'car', box: { x: 500, y: 300, w: 90, h: 60 } },
    ],
    annotators: annotators.map((annotator) => ({ annotator, agreement: 1, agreed: 3, wrongClass: 0, missed: 0, extra: 0 })),
    agreeingAnnotators: annotators,
    iouThreshold: 0.5,
  });
  const docs = hashes.map(() => doc);
  const statuses = hashes.map(() => 'accepted');
  const mark: number[] = [];
  const decide: number[] = [];
  for (let r = 0; r < FLOOR_ROUNDS; r++) {
    const itemIds = rows.slice(r * 1000, (r + 1) * 1000).map((row) => row.item_id);
    mark.push(
      await timedAndRolledBack(db, (tx) =>
        tx.query(
          `UPDATE assignments a SET batch_id = $1, label_hash = u.hash FROM unnest($2::text[], $3::text[]) AS u(item_id, hash)
           WHERE a.annotator = $4 AND a.item_id = u.item_id AND a.task_id = $5 AND a.batch_id IS NULL`,
          [String(batchId), itemIds, hashes, annotator, taskId],
        ),
      ),
    );
    decide.push(
      await timedAndRolledBack(db, (tx) =>
        tx.query(
          `UPDATE items i SET status = u.status, consensus = u.doc::jsonb, finalized_at = now()
           FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, status, doc) WHERE i.id = u.id AND i.status = 'open'`,
          [itemIds, statuses, docs],
        ),
      ),
    );
  }
  const markMs = median(mark);
  const decideMs = median(decide);
  return { markMs, decideMs, markMinMs: Math.min(...mark), decideMinMs: Math.min(...decide), markFirstMs: mark[0]!, decideFirstMs: decide[0]!, perBatchMs: markMs + decideMs / 3 };
}
