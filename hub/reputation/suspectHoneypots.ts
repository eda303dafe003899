import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import { loadSubmissions } from '../consensus/loadSubmissions';
import type { HubContext } from '../context';
import type { Queryable } from '../db/adapter';
import { labelSummary } from '../evidence/evidenceDetail';
import { groupByItem } from './honeypots';
import { judgeHoneypot } from './judgeHoneypot';

/** A honeypot whose known answer the annotators' consensus contradicted: it scored nobody. */
export interface SuspectHoneypot {
  taskId: string;
  /** The task's requester: who wrote the known answer. */
  requester: string;
  itemId: string;
  /** Shape count and count per class of the known answer and of the item's final labels. */
  known: ReturnType<typeof labelSummary>;
  final: ReturnType<typeof labelSummary>;
  submissions: number;
}

/**
 * Honeypots judged suspect (judgeHoneypot), for the operator (`npm run hub -- evidence`): final honeypot items
 * that no submission was scored against. Read after reputation is caught up (the caller's job): then every
 * corroborated final honeypot has its scores, so the candidates are few, and each is judged again to be sure.
 */
export async function listSuspectHoneypots(ctx: Pick<HubContext, 'config'> & { db: Queryable }): Promise<SuspectHoneypot[]> {
  const rows = await ctx.db.query<{ item_id: string; task_id: string; requester: string; status: string; shapes: CanonicalShape[]; final_labels: CanonicalShape[] }>(
    `SELECT h.item_id, i.task_id, t.requester, i.status, h.shapes, i.consensus->'labels' AS final_labels
     FROM honeypots h JOIN items i ON i.id = h.item_id JOIN tasks t ON t.id = i.task_id
     WHERE i.status IN ('accepted', 'resolved') AND i.reputation_scored_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM honeypot_scores s WHERE s.item_id = h.item_id)
     ORDER BY i.task_id, h.item_id`,
  );
  const subsOf = groupByItem(await loadSubmissions(ctx.db, rows.map((r) => r.item_id)));
  return rows
    .map((r) => ({ r, subs: subsOf.get(r.item_id) ?? [] }))
    .filter(({ r, subs }) => judgeHoneypot({ known: r.shapes, submissions: subs.map((s) => s.shapes), status: r.status, finalLabels: r.final_labels }, ctx.config.iouThreshold) === 'suspect')
    .map(({ r, subs }) => ({ taskId: r.task_id, requester: r.requester, itemId: r.item_id, known: labelSummary(r.shapes), final: labelSummary(r.final_labels), submissions: subs.length }));
}
