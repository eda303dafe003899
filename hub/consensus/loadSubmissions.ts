import type { Queryable } from '../db/adapter';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import { decodeLabelsBlob, type StoredItemLabels } from '../batches/labelsBlob';

export interface StoredSubmission {
  itemId: string;
  annotator: string;
  batchDigest: string;
  signature: string;
  labelHash: string;
  receivedAt: Date;
  shapes: CanonicalShape[];
}

/** Every submission of the given items with its shapes, read back from the batches' compressed labels (each blob decoded once). */
export async function loadSubmissions(db: Queryable, itemIds: readonly string[]): Promise<StoredSubmission[]> {
  const rows = await db.query<{ item_id: string; annotator: string; label_hash: string; batch_id: bigint; digest: string; signature: string; received_at: Date }>(
    `SELECT a.item_id, a.annotator, a.label_hash, a.batch_id, b.digest, b.signature, b.received_at
     FROM assignments a JOIN batches b ON b.id = a.batch_id
     WHERE a.item_id = ANY($1::text[]) ORDER BY a.item_id, a.annotator`,
    [itemIds],
  );
  const batchIds = [...new Set(rows.map((r) => r.batch_id))];
  const blobs = new Map<bigint, Map<string, StoredItemLabels>>();
  if (batchIds.length > 0) {
    const batches = await db.query<{ id: bigint; labels: Buffer }>('SELECT id, labels FROM batches WHERE id = ANY($1::bigint[])', [batchIds.map(String)]);
    for (const b of batches) blobs.set(b.id, decodeLabelsBlob(b.labels));
  }
  return rows.map((r) => {
    const labels = blobs.get(r.batch_id)?.get(r.item_id);
    if (!labels) throw new Error(`batch ${r.digest} has no labels for item ${r.item_id}: stored data is inconsistent`);
    return { itemId: r.item_id, annotator: r.annotator, batchDigest: r.digest, signature: r.signature, labelHash: r.label_hash, receivedAt: r.received_at, shapes: labels.shapes };
  });
}
