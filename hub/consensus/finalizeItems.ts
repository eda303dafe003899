import { agreesWith, formConsensus } from '../../core/consensus';
import type { HubContext } from '../context';
import { loadSubmissions, type StoredSubmission } from './loadSubmissions';

/** What is stored per decided item (items.consensus) and served by GET /items/:id. */
export interface StoredConsensus {
  status: 'accepted' | 'disputed';
  score: number;
  labels: ReturnType<typeof formConsensus>['labels'];
  annotators: { annotator: string; agreement: number; agreed: number; wrongClass: number; missed: number; extra: number }[];
  /** Annotators whose shapes agree with the final labels: they earn the item's reward. */
  agreeingAnnotators: string[];
  iouThreshold: number;
}

function decide(subs: StoredSubmission[], iouThreshold: number): StoredConsensus {
  const result = formConsensus(
    subs.map((s) => ({ annotator: s.annotator, shapes: s.shapes })),
    { iouThreshold },
  );
  return {
    status: result.status,
    score: result.score,
    labels: result.labels,
    annotators: result.annotators.map(({ annotator, agreement, agreed, wrongClass, missed, extra }) => ({ annotator, agreement, agreed, wrongClass, missed, extra })),
    agreeingAnnotators: result.status === 'accepted' ? subs.filter((s) => agreesWith(s.shapes, result.labels, iouThreshold)).map((s) => s.annotator).sort() : [],
    iouThreshold,
  };
}

/**
 * Every item still open whose submissions reached the task's redundancy k
 * (counted from the assignments: a submission is an assignment with a batch).
 */
async function readyItems(ctx: Pick<HubContext, 'db'>): Promise<string[]> {
  const rows = await ctx.db.query<{ id: string }>(
    `SELECT i.id FROM items i JOIN tasks t ON t.id = i.task_id
     WHERE i.status = 'open'
       AND (SELECT count(*) FROM assignments a WHERE a.item_id = i.id AND a.batch_id IS NOT NULL) >= t.redundancy`,
  );
  return rows.map((r) => r.id);
}

/**
 * Runs consensus on those of `itemIds` that have all k submissions and are
 * still open: accepted (merged labels stored) or disputed. Items not ready
 * are skipped. Safe to call twice: only open items are updated.
 */
export async function finalizeItems(ctx: Pick<HubContext, 'db' | 'config'>, itemIds: readonly string[]): Promise<number> {
  if (itemIds.length === 0) return 0;
  const subs = await loadSubmissions(ctx.db, itemIds, { readyOnly: true });
  const byItem = new Map<string, StoredSubmission[]>();
  for (const s of subs) {
    const list = byItem.get(s.itemId);
    if (list) list.push(s);
    else byItem.set(s.itemId, [s]);
  }
  if (byItem.size === 0) return 0;
  const ids: string[] = [];
  const statuses: string[] = [];
  const docs: string[] = [];
  for (const [itemId, list] of byItem) {
    const c = decide(list, ctx.config.iouThreshold);
    ids.push(itemId);
    statuses.push(c.status);
    docs.push(JSON.stringify(c));
  }
  const updated = await ctx.db.query(
    `UPDATE items i SET status = u.status, consensus = u.doc::jsonb, finalized_at = now()
     FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, status, doc)
     WHERE i.id = u.id AND i.status = 'open'
     RETURNING i.id`,
    [ids, statuses, docs],
  );
  return updated.length;
}

/** Catches up items that reached k submissions but were not decided (the hub stopped in between, or a round failed). */
export async function finalizeReadyItems(ctx: Pick<HubContext, 'db' | 'config'>): Promise<number> {
  const ids = await readyItems(ctx);
  let done = 0;
  for (let i = 0; i < ids.length; i += 1000) done += await finalizeItems(ctx, ids.slice(i, i + 1000));
  return done;
}
