import type { Queryable } from '../db/adapter';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import type { CanonicalVideoLabels } from '../../core/sync/canonicalVideo';
import { decodeLabelsBlobSized, type StoredItemLabels } from '../batches/labelsBlob';
import type { DecodedBlobs } from './decodedBlobs';

export interface StoredSubmission {
  itemId: string;
  annotator: string;
  batchDigest: string;
  signature: string;
  labelHash: string;
  receivedAt: Date;
  shapes: CanonicalShape[];
  /** A video item's tracks, frame tags and segments as signed. */
  video?: CanonicalVideoLabels;
  /** Whether the item is a video (items.video), whatever the submission carries: a round of image items skips the video lookup. */
  itemIsVideo?: boolean;
}

interface SubmissionRow {
  item_id: string;
  annotator: string;
  label_hash: string;
  batch_id: bigint;
  digest: string;
  signature: string;
  received_at: Date;
  status: string;
  redundancy: number;
  item_is_video: boolean;
}

/** Rows of items still open that have all k submissions (rows come ordered by item). */
function readyRows(rows: SubmissionRow[]): SubmissionRow[] {
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.item_id, (count.get(r.item_id) ?? 0) + 1);
  return rows.filter((r) => r.status === 'open' && count.get(r.item_id)! >= r.redundancy);
}

/**
 * Every submission of the given items with its shapes, read back from the
 * batches' compressed labels (each blob decoded once). With `readyOnly`,
 * only those of open items that reached k: blobs of unfinished items are
 * not decoded. An item whose labels cannot be read back (a batch's blob
 * that does not decode, or that lacks the item: stored data gone wrong)
 * throws, unless `unreadable` is given: then that item is left out whole,
 * never with part of its submissions, and named to it with the reason, and
 * the other items are returned. With `decoded`, batches it already holds
 * are not read or decoded again, and those decoded here are added to it.
 */
export async function loadSubmissions(
  db: Queryable,
  itemIds: readonly string[],
  opts: { readyOnly?: boolean; unreadable?: (itemId: string, reason: string) => void; decoded?: DecodedBlobs } = {},
): Promise<StoredSubmission[]> {
  // unnest + join, not `= ANY($1)`: with thousands of ids the planner turned ANY into a scan.
  const all = await db.query<SubmissionRow>(
    `SELECT a.item_id, a.annotator, a.label_hash, a.batch_id, b.digest, b.signature, b.received_at, i.status, t.redundancy, i.video IS NOT NULL AS item_is_video
     FROM unnest($1::text[]) AS u(id) JOIN items i ON i.id = u.id JOIN tasks t ON t.id = i.task_id
       JOIN assignments a ON a.item_id = i.id JOIN batches b ON b.id = a.batch_id
     ORDER BY a.item_id, a.annotator`,
    [itemIds],
  );
  const rows = opts.readyOnly ? readyRows(all) : all;
  const batchIds = [...new Set(rows.map((r) => r.batch_id))];
  const blobs = new Map<bigint, Map<string, StoredItemLabels>>();
  const undecodable = new Map<bigint, string>();
  const toRead: bigint[] = [];
  for (const id of batchIds) {
    const known = opts.decoded?.get(id);
    if (known) blobs.set(id, known);
    else toRead.push(id);
  }
  if (toRead.length > 0) {
    const batches = await db.query<{ id: bigint; labels: Buffer }>('SELECT b.id, b.labels FROM unnest($1::bigint[]) AS u(id) JOIN batches b ON b.id = u.id', [toRead.map(String)]);
    for (const b of batches) {
      try {
        const { labels, textBytes } = decodeLabelsBlobSized(b.labels);
        blobs.set(b.id, labels);
        opts.decoded?.set(b.id, labels, textBytes);
      } catch (e) {
        undecodable.set(b.id, (e as Error).message);
      }
    }
  }
  const unreadable = new Map<string, string>();
  for (const r of rows) {
    if (unreadable.has(r.item_id)) continue;
    const broken = undecodable.get(r.batch_id);
    if (broken !== undefined) unreadable.set(r.item_id, `the labels of batch ${r.digest} cannot be read (${broken}): stored data is inconsistent`);
    else if (!blobs.get(r.batch_id)?.get(r.item_id)) unreadable.set(r.item_id, `batch ${r.digest} has no labels for item ${r.item_id}: stored data is inconsistent`);
  }
  if (unreadable.size > 0) {
    if (!opts.unreadable) throw new Error([...unreadable.values()][0]);
    for (const [itemId, reason] of unreadable) opts.unreadable(itemId, reason);
  }
  return rows
    .filter((r) => !unreadable.has(r.item_id))
    .map((r) => {
      const labels = blobs.get(r.batch_id)!.get(r.item_id)!;
      return { itemId: r.item_id, annotator: r.annotator, batchDigest: r.digest, signature: r.signature, labelHash: r.label_hash, receivedAt: r.received_at, shapes: labels.shapes, ...(labels.video ? { video: labels.video } : {}), itemIsVideo: r.item_is_video };
    });
}
