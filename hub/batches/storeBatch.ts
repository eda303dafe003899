import type { HubContext } from '../context';
import type { Queryable } from '../db/adapter';
import { badRequest, conflict, forbidden, HubError, notFound } from '../http/hubError';
import type { VerifiedBatch } from './verifyBatchBody';
import { receiptIfExpired } from '../http/expiredSignature';
import { recordSubmissions } from './recordSubmissions';

export interface BatchReceipt {
  batchId: string;
  root: string;
  duplicate: boolean;
  acceptedAt: string;
}

async function existingReceipt(db: Queryable, digest: string): Promise<BatchReceipt | null> {
  const [row] = await db.query<{ root: string; received_at: Date }>('SELECT root, received_at FROM batches WHERE digest = $1', [digest]);
  return row ? { batchId: digest, root: row.root, duplicate: true, acceptedAt: new Date(row.received_at).toISOString() } : null;
}

/** Explains why not every item could be recorded as the signer's submission. */
async function unassignedItemsError(tx: Queryable, v: VerifiedBatch, taskId: string): Promise<HubError> {
  const rows = await tx.query<{ item_id: string; batch_id: bigint | null }>(
    'SELECT item_id, batch_id FROM assignments WHERE annotator = $1 AND task_id = $2 AND item_id = ANY($3::text[])',
    [v.signer, taskId, v.itemIds],
  );
  const assigned = new Map(rows.map((r) => [r.item_id, r.batch_id]));
  const notAssigned = v.itemIds.filter((id) => !assigned.has(id));
  if (notAssigned.length > 0) {
    const list = notAssigned.slice(0, 5).join(', ') + (notAssigned.length > 5 ? ` and ${notAssigned.length - 5} more` : '');
    return forbidden('item_not_assigned', `${notAssigned.length} item(s) of this batch are not assigned to ${v.signer} in this task: ${list}`);
  }
  const again = v.itemIds.filter((id) => assigned.get(id) !== null);
  return conflict('item_already_submitted', `${again.length} item(s) were already submitted by ${v.signer} in another batch: ${again.slice(0, 5).join(', ')}`);
}

interface KnownTask {
  id: string;
  /** Whether any item of the task is a video (items are written once, when the task is published). */
  hasVideo: boolean;
  /** k: submissions that complete an item (fixed when the task is published). */
  redundancy: number;
}

/** Task hash → task id and whether it has video items. Tasks are never deleted or re-hashed and their items never change, so a found entry stays right. */
const knownTasks = new WeakMap<object, Map<string, KnownTask>>();

async function taskOf(ctx: HubContext, tx: Queryable, taskHash: string): Promise<KnownTask | null> {
  let cache = knownTasks.get(ctx.db);
  if (!cache) knownTasks.set(ctx.db, (cache = new Map()));
  const hit = cache.get(taskHash);
  if (hit) return hit;
  const [row] = await tx.query<{ id: string; has_video: boolean; redundancy: number }>(
    'SELECT t.id, t.redundancy, EXISTS (SELECT 1 FROM items i WHERE i.task_id = t.id AND i.video IS NOT NULL) AS has_video FROM tasks t WHERE t.task_hash = $1',
    [taskHash],
  );
  if (!row) return null;
  const task = { id: row.id, hasVideo: row.has_video, redundancy: row.redundancy };
  cache.set(taskHash, task);
  return task;
}

const plural = (n: number) => `${n} frame${n === 1 ? '' : 's'}`;

/**
 * Each item's labels against what the item is: a video item's labels carry
 * `video` with exactly the item's frame count (a shorter count would make
 * frames past the real end look in range, a longer one would sign frames the
 * video does not have); an image item's carry none (and so no frames: the
 * canonical form already refuses a frame without video labels). An image
 * task with image labels, the common case, costs no query. Items not in the
 * task are left to the assignment check, which names them.
 */
async function checkItemKinds(tx: Queryable, v: VerifiedBatch, task: KnownTask): Promise<void> {
  const claimed = new Map(v.itemIds.map((id, i) => [id, v.frameCounts?.[i] ?? null]));
  if (!task.hasVideo) {
    const [id, count] = [...claimed].find(([, c]) => c !== null) ?? [];
    if (id === undefined) return;
    throw badRequest('video_labels_on_image', `item "${id}" is an image, but the batch carries video labels for it (${plural(count!)}): an image item is labeled with shapes only, in the version-1 canonical form`);
  }
  const rows = await tx.query<{ id: string; video: { frameCount: number } | null }>('SELECT id, video FROM items WHERE task_id = $1 AND id = ANY($2::text[])', [task.id, v.itemIds]);
  const byId = new Map(rows.map((r) => [r.id, r.video]));
  for (const [id, count] of claimed) {
    if (!byId.has(id)) continue;
    const video = byId.get(id) ?? null;
    if (video === null && count !== null) {
      throw badRequest('video_labels_on_image', `item "${id}" is an image, but the batch carries video labels for it (${plural(count)}): an image item is labeled with shapes only, in the version-1 canonical form`);
    }
    if (video !== null && count === null) {
      throw badRequest('video_labels_missing', `item "${id}" is a video of ${plural(video.frameCount)}, but the batch carries image labels for it (no \`video\`): a video item's labels are signed in the version-2 canonical form with its frame count`);
    }
    if (video !== null && count !== video.frameCount) {
      throw badRequest('video_frame_count_mismatch', `item "${id}" is a video of ${plural(video.frameCount)}, but its labels say ${plural(count!)}: labels must be made on the item's own frames (check the downloaded file against its sha256)`);
    }
  }
}

/**
 * Stores a verified batch in ONE transaction: the batch row (signature and
 * compressed canonical labels) and, per item, the signer's assignment row
 * marked submitted with its label hash (recordSubmissions.ts: one statement
 * for the batch). Any refusal rolls everything back. The same batch again
 * (same EIP-712 digest) answers the first receipt. Consensus is not run
 * here: the items this batch brought to k are marked ready and their
 * decision job is enqueued in the same transaction (hub/jobs/), so a stored
 * batch always has its job and a refused one none.
 */
export interface StoredBatch {
  receipt: BatchReceipt;
  /** Whether this batch completed items and so committed a decision job: the caller wakes the decide worker (after the commit). */
  decisionsEnqueued: boolean;
}

export async function storeBatch(ctx: HubContext, v: VerifiedBatch): Promise<StoredBatch> {
  const late = await receiptIfExpired(ctx, v.batch.deadline, 'batch', () => existingReceipt(ctx.db, v.digest));
  if (late) return { receipt: late, decisionsEnqueued: false };
  return ctx.db.transaction(async (tx): Promise<StoredBatch> => {
    const task = await taskOf(ctx, tx, v.batch.task);
    if (!task) throw notFound('unknown_task', `no task on this hub has id hash ${v.batch.task}`);
    const taskId = task.id;
    await checkItemKinds(tx, v, task);
    const recorded = await recordSubmissions(ctx.db, tx, v, taskId, task.redundancy);
    if (!recorded.batch) {
      // The same batch again (or a lost race with it), or the nonce belongs to another batch of this annotator.
      const known = await existingReceipt(tx, v.digest);
      if (known) return { receipt: known, decisionsEnqueued: false };
      throw conflict('nonce_used', `nonce ${v.batch.nonce} of ${v.signer} was already used by another batch: every batch needs a fresh nonce`);
    }
    if (recorded.marked !== v.itemIds.length) throw await unassignedItemsError(tx, v, taskId);
    await ctx.jobs.enqueueDecision(tx, recorded.ready);
    return {
      receipt: { batchId: v.digest, root: v.batch.root, duplicate: false, acceptedAt: new Date(recorded.batch.receivedAt).toISOString() },
      decisionsEnqueued: recorded.ready.length > 0,
    };
  });
}
