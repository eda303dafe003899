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
 * Runs consensus on items that have all k submissions and are still open:
 * accepted (merged labels stored) or disputed. Safe to call twice: only
 * open items are updated.
 */
export async function finalizeItems(ctx: HubContext, itemIds: readonly string[]): Promise<number> {
  if (itemIds.length === 0) return 0;
  const subs = await loadSubmissions(ctx.db, itemIds);
  const byItem = new Map<string, StoredSubmission[]>();
  for (const s of subs) byItem.set(s.itemId, [...(byItem.get(s.itemId) ?? []), s]);
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
     FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, status, doc), tasks t
     WHERE i.id = u.id AND t.id = i.task_id AND i.status = 'open' AND i.submitted >= t.redundancy
     RETURNING i.id`,
    [ids, statuses, docs],
  );
  return updated.length;
}

/** Catches up items that reached k submissions but were not decided (e.g. the hub stopped in between). */
export async function finalizeReadyItems(ctx: HubContext): Promise<number> {
  const rows = await ctx.db.query<{ id: string }>(
    `SELECT i.id FROM items i JOIN tasks t ON t.id = i.task_id WHERE i.status = 'open' AND i.submitted >= t.redundancy`,
  );
  let done = 0;
  for (let i = 0; i < rows.length; i += 1000) done += await finalizeItems(ctx, rows.slice(i, i + 1000).map((r) => r.id));
  return done;
}
