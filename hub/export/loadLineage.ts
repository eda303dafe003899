import type { HubContext } from '../context';
import { decodeLabelsBlob, type StoredItemLabels } from '../batches/labelsBlob';
import { bytesHex, fastKeccak } from '../batches/fastKeccak';
import { canonicalItemLabels, compareText, itemLabelHash, type CanonicalShape } from '../../core/sync/canonicalLabels';
import type { CanonicalVideoLabels } from '../../core/sync/canonicalVideo';
import { isVideoConsensus, type StoredItemConsensus } from '../consensus/storedConsensus';
import { buildBatchTree, type BatchTree } from '../../core/sync/merkle';
import type { LineageLine, LineageSubmission, LineageVerdict } from '../../core/verify/exportFiles';

export interface LineageItem extends LineageLine {
  /** The item's own file name (the lineage's `image.fileName` is its unique name in the export). */
  fileName: string;
}

interface ItemRow {
  id: string;
  file_name: string;
  width: number;
  height: number;
  status: 'accepted' | 'resolved' | 'disputed';
  consensus: StoredItemConsensus | ResolvedDoc;
}
/** A verdict's document (hub/verdicts/storeVerdict.ts): a video item's carries the final `video` too. */
interface ResolvedDoc {
  status: 'resolved';
  labels: CanonicalShape[];
  video?: CanonicalVideoLabels;
  agreeingAnnotators: string[];
  proposal: StoredItemConsensus;
}
interface SubmissionRow {
  item_id: string;
  annotator: string;
  label_hash: string;
  batch_id: bigint;
}
interface BatchRow {
  id: bigint;
  digest: string;
  root: string;
  item_count: number;
  nonce: string;
  deadline: string;
  signature: string;
  labels: Buffer;
}

/** A stored batch, re-opened: its items' labels and core's batch tree over their label hashes. */
interface OpenBatch {
  row: BatchRow;
  labels: Map<string, StoredItemLabels>;
  index: Map<string, number>;
  tree: BatchTree;
}

function openBatch(row: BatchRow): OpenBatch {
  const labels = decodeLabelsBlob(row.labels);
  const ids = [...labels.keys()].sort(compareText);
  const leaves = ids.map((id) => fastKeccak(canonicalItemLabels(id, labels.get(id)!.shapes, labels.get(id)!.video)));
  return { row, labels, index: new Map(ids.map((id, i) => [id, i])), tree: buildBatchTree(leaves, fastKeccak) };
}

/**
 * The lineage of a task's decided items (and, on request, its disputed
 * ones), in index order: every submission (a video item's with its signed
 * video labels) with its signed batch and the
 * inclusion proof of the item's label hash in the batch root (core's one
 * batch tree, built once per batch), the verdict of a resolved item, the
 * consensus scores as stored.
 */
export async function loadLineage(ctx: HubContext, taskId: string, statuses: readonly string[]): Promise<LineageItem[]> {
  // A read right after an upload sees the decisions it caused: this task's ready items only, bounded (consensus/decisionWait.ts).
  await ctx.consensus.settledTask(taskId);
  const items = await ctx.db.query<ItemRow>(
    'SELECT id, file_name, width, height, status, consensus FROM items WHERE task_id = $1 AND status = ANY($2::text[]) ORDER BY idx',
    [taskId, statuses],
  );
  // The order consensus saw them in (finalizeItems → loadSubmissions): by item, then annotator.
  const subs = await ctx.db.query<SubmissionRow>(
    `SELECT a.item_id, a.annotator, a.label_hash, a.batch_id FROM assignments a JOIN items i ON i.id = a.item_id
     WHERE i.task_id = $1 AND i.status = ANY($2::text[]) AND a.batch_id IS NOT NULL ORDER BY a.item_id, a.annotator`,
    [taskId, statuses],
  );
  const batchIds = [...new Set(subs.map((s) => String(s.batch_id)))];
  const batchRows = await ctx.db.query<BatchRow>(
    `SELECT b.id, b.digest, b.root, b.item_count, b.nonce::text AS nonce, b.deadline::text AS deadline, b.signature, b.labels
     FROM unnest($1::bigint[]) AS u(id) JOIN batches b ON b.id = u.id`,
    [batchIds],
  );
  const batches = new Map(batchRows.map((b) => [String(b.id), openBatch(b)]));
  const byItem = new Map<string, LineageSubmission[]>();
  for (const s of subs) {
    const b = batches.get(String(s.batch_id))!;
    const index = b.index.get(s.item_id);
    if (index === undefined) throw new Error(`batch ${b.row.digest} has no labels for item ${s.item_id}: stored data is inconsistent`);
    const list = byItem.get(s.item_id) ?? [];
    list.push({
      annotator: s.annotator,
      labelHash: s.label_hash,
      shapes: b.labels.get(s.item_id)!.shapes,
      ...(b.labels.get(s.item_id)!.video ? { video: b.labels.get(s.item_id)!.video } : {}),
      batch: { digest: b.row.digest, root: b.row.root, itemCount: b.row.item_count, nonce: b.row.nonce, deadline: Number(b.row.deadline) },
      signature: b.row.signature,
      proof: b.tree.proof(index).map(bytesHex),
    });
    byItem.set(s.item_id, list);
  }
  const verdicts = new Map<string, LineageVerdict>();
  for (const v of await ctx.db.query<{ item_id: string; reviewer: string; digest: string; labels_hash: string; nonce: string; deadline: string; signature: string }>(
    'SELECT item_id, reviewer, digest, labels_hash, nonce::text AS nonce, deadline::text AS deadline, signature FROM verdicts WHERE task_id = $1',
    [taskId],
  )) {
    verdicts.set(v.item_id, { reviewer: v.reviewer, digest: v.digest, labelsHash: v.labels_hash, nonce: v.nonce, deadline: Number(v.deadline), signature: v.signature });
  }
  return items.map((item) => {
    const doc = item.consensus;
    const base = doc.status === 'resolved' ? doc.proposal : doc;
    const video = doc.status === 'resolved' ? doc.video : isVideoConsensus(doc) ? doc.video : undefined;
    return {
      itemId: item.id,
      fileName: item.file_name,
      image: { fileName: item.file_name, width: item.width, height: item.height },
      status: item.status,
      labels: doc.labels,
      ...(video ? { video } : {}),
      labelsHash: itemLabelHash(item.id, doc.labels, video),
      consensus: consensusOf(base, doc.agreeingAnnotators),
      submissions: byItem.get(item.id) ?? [],
      verdict: item.status === 'resolved' ? (verdicts.get(item.id) ?? null) : null,
    };
  });
}

/** The consensus scores as stored; a video item's with its part scores, disputed parts and each annotator's three agreements. */
function consensusOf(base: StoredItemConsensus, agreeingAnnotators: string[]): LineageLine['consensus'] {
  if (!isVideoConsensus(base)) {
    return { status: base.status, score: base.score, annotators: base.annotators.map((a) => ({ annotator: a.annotator, agreement: a.agreement })), agreeingAnnotators };
  }
  return {
    status: base.status,
    score: base.score,
    annotators: base.annotators.map((a) => ({ annotator: a.annotator, agreement: a.agreement, idf1: a.idf1, tagAgreement: a.tagAgreement, segmentAgreement: a.segmentAgreement })),
    agreeingAnnotators,
    scores: base.scores,
    disputedParts: base.disputedParts,
  };
}
