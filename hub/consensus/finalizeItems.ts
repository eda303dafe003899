import { agreesWith, formConsensus } from '../../core/consensus';
import type { HubContext } from '../context';
import { decideVideoItem } from './decideVideoItem';
import { loadSubmissions, type StoredSubmission } from './loadSubmissions';
import type { StoredConsensus, StoredItemConsensus } from './storedConsensus';
import { imageSubmissionsOf, InconsistentSubmissionError } from './submissionKinds';
import { loadVideoItems } from './videoItems';

export type { StoredConsensus, StoredItemConsensus, StoredVideoConsensus } from './storedConsensus';

function decideImageItem(itemId: string, subs: StoredSubmission[], iouThreshold: number): StoredConsensus {
  const submissions = imageSubmissionsOf(itemId, subs);
  const result = formConsensus(submissions, { iouThreshold });
  return {
    status: result.status,
    score: result.score,
    labels: result.labels,
    annotators: result.annotators.map(({ annotator, agreement, agreed, wrongClass, missed, extra }) => ({ annotator, agreement, agreed, wrongClass, missed, extra })),
    agreeingAnnotators: result.status === 'accepted' ? subs.filter((s) => agreesWith(s.shapes, result.labels, iouThreshold)).map((s) => s.annotator).sort() : [],
    iouThreshold,
  };
}

const leftOpen = (undecided: string[]) => new Error(`${undecided.length} item(s) left open: ${undecided.join('; ')}`);

/**
 * Every item still open that reached k submissions: marked ready by the batch
 * that completed it (items.ready_at, in that batch's transaction), read from
 * the partial index `items_ready` instead of counting every open item.
 */
async function readyItems(ctx: Pick<HubContext, 'db'>): Promise<string[]> {
  const rows = await ctx.db.query<{ id: string }>(`SELECT id FROM items WHERE status = 'open' AND ready_at IS NOT NULL ORDER BY ready_at, id`);
  return rows.map((r) => r.id);
}

/**
 * Runs consensus on those of `itemIds` that have all k submissions and are
 * still open: accepted (merged labels stored) or disputed. A video item
 * (items.video) is decided by core `formVideoConsensus` with its task's
 * thresholds (tasks.consensus), an image item as before. Items not ready are
 * skipped. Safe to call twice: only open items are updated. An item that
 * cannot be decided (a submission not of its kind: InconsistentSubmissionError)
 * stays open and is named in the error thrown after the others are written:
 * one corrupt item never holds back the rest of a round, and is never
 * decided on part of its submissions.
 */
export async function finalizeItems(ctx: Pick<HubContext, 'db' | 'config'>, itemIds: readonly string[]): Promise<number> {
  if (itemIds.length === 0) return 0;
  const undecided: string[] = [];
  // An item whose stored labels cannot be read is left open and named, like one that cannot be decided: not the whole round.
  const subs = await loadSubmissions(ctx.db, itemIds, { readyOnly: true, unreadable: (itemId, reason) => undecided.push(`item ${itemId}: ${reason}`) });
  const byItem = new Map<string, StoredSubmission[]>();
  for (const s of subs) {
    const list = byItem.get(s.itemId);
    if (list) list.push(s);
    else byItem.set(s.itemId, [s]);
  }
  if (byItem.size === 0) {
    if (undecided.length > 0) throw leftOpen(undecided);
    return 0;
  }
  const maybeVideo = [...byItem].filter(([, list]) => list[0]!.itemIsVideo !== false).map(([id]) => id);
  const videoItems = await loadVideoItems(ctx.db, maybeVideo);
  const ids: string[] = [];
  const statuses: string[] = [];
  const docs: string[] = [];
  for (const [itemId, list] of byItem) {
    const video = videoItems.get(itemId);
    let c: StoredItemConsensus;
    try {
      c = video ? decideVideoItem(itemId, list, video) : decideImageItem(itemId, list, ctx.config.iouThreshold);
    } catch (e) {
      // One item that cannot be decided must not hold back the others of the round (nor of every later round).
      undecided.push(e instanceof InconsistentSubmissionError ? e.message : `item ${itemId}: ${(e as Error).message}`);
      continue;
    }
    ids.push(itemId);
    statuses.push(c.status);
    docs.push(JSON.stringify(c));
  }
  const updated = await ctx.db.transaction(async (tx) => {
    // Rows locked in id order first, as a batch's transaction locks its items (batches/recordSubmissions.ts): the
    // UPDATE alone locks them in plan order, and two of these (the epoch close's sweep, decide jobs in other
    // processes) over overlapping items in different orders could deadlock (40P01). NO KEY UPDATE is the lock the
    // UPDATE takes anyway: it does not block the key-share locks of assignment rows referencing the item. PGlite runs
    // one transaction at a time, so there it would only cost a statement.
    if (ctx.db.kind === 'postgres') await tx.query(`SELECT id FROM items WHERE id = ANY($1::text[]) AND status = 'open' ORDER BY id FOR NO KEY UPDATE`, [ids]);
    return tx.query(
      `UPDATE items i SET status = u.status, consensus = u.doc::jsonb, finalized_at = now()
       FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, status, doc)
       WHERE i.id = u.id AND i.status = 'open'
       RETURNING i.id`,
      [ids, statuses, docs],
    );
  });
  if (undecided.length > 0) throw leftOpen(undecided);
  return updated.length;
}

/** Items decided per `finalizeItems` call: one load and one write each, bounded so no single statement grows with a round. */
const ROUND_ITEMS = 2000;

/**
 * `finalizeItems` over any number of items, `ROUND_ITEMS` at a time. A round that
 * throws (an item that cannot be decided) does not stop the others: every
 * error goes to `onError` if given, else the first is rethrown once all ran.
 */
export async function finalizeInRounds(ctx: Pick<HubContext, 'db' | 'config'>, itemIds: readonly string[], onError?: (e: Error) => void): Promise<number> {
  let done = 0;
  let failure: Error | null = null;
  for (let i = 0; i < itemIds.length; i += ROUND_ITEMS) {
    try {
      done += await finalizeItems(ctx, itemIds.slice(i, i + ROUND_ITEMS));
    } catch (e) {
      if (onError) onError(e as Error);
      else failure ??= e as Error;
    }
  }
  if (failure) throw failure;
  return done;
}

/**
 * Catches up items that reached k submissions but were not decided (a job
 * lost or failed for good, a database from before the job queue). Runs as
 * the sweep job at start and before every epoch close, so an item that cannot be decided (stored data gone wrong) is
 * reported through `onError` — naming it — and stays open, rather than
 * stopping the hub from starting or every task's epoch from closing.
 */
export async function finalizeReadyItems(ctx: Pick<HubContext, 'db' | 'config'>, onError: (e: Error) => void = (e) => console.error(`hub consensus: ${e.message}`)): Promise<number> {
  return finalizeInRounds(ctx, await readyItems(ctx), onError);
}
