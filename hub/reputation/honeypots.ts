import { applyScores, scoreSubmission } from '../../core/reputation';
import { normalizeShape, type CanonicalShape } from '../../core/sync/canonicalLabels';
import { loadSubmissions, type StoredSubmission } from '../consensus/loadSubmissions';
import type { HubContext } from '../context';
import type { Queryable } from '../db/adapter';
import { badRequest } from '../http/hubError';
import { submissionDetail } from '../evidence/evidenceDetail';
import { recordEvidence, type EvidenceInput } from '../evidence/recordEvidence';
import { judgeHoneypot } from './judgeHoneypot';
import { scoringRound } from './scoringRound';
import { loadReputations, lockReputations, saveReputations, updateAnnotator, type HistoryEntry, type StoredReputation } from './reputationStore';

export interface HoneypotInput {
  sha256: string;
  shapes: CanonicalShape[];
}

/**
 * Stores a task's known answers with it (inside the task's transaction).
 * A honeypot names one of the task's items by its media hash; its shapes
 * must use the task's classes. Nothing marks the item to annotators.
 */
export async function insertHoneypots(tx: Queryable, taskId: string, classNames: readonly string[], honeypots: readonly HoneypotInput[]): Promise<void> {
  if (honeypots.length === 0) return;
  const items = await tx.query<{ id: string; sha256: string }>('SELECT id, sha256 FROM items WHERE task_id = $1 AND sha256 = ANY($2::text[])', [taskId, honeypots.map((h) => h.sha256)]);
  const idBySha = new Map(items.map((i) => [i.sha256, i.id]));
  const seen = new Set<string>();
  const docs = honeypots.map((h, i) => {
    const itemId = idBySha.get(h.sha256);
    if (!itemId) throw badRequest('unknown_honeypot_item', `honeypots[${i}]: no item of this task has media ${h.sha256} (a honeypot marks one of the task's items)`);
    if (seen.has(h.sha256)) throw badRequest('duplicate_honeypot', `honeypots[${i}]: media ${h.sha256} is marked twice`);
    seen.add(h.sha256);
    const shapes = h.shapes.map((s, k) => {
      if (!classNames.includes(s.className)) throw badRequest('invalid_honeypot', `honeypots[${i}].shapes[${k}]: class "${s.className}" is not in the task's label schema`);
      try {
        return normalizeShape(s, `honeypots[${i}].shapes[${k}]`);
      } catch (e) {
        throw badRequest('invalid_honeypot', (e as Error).message);
      }
    });
    return { itemId, shapes };
  });
  await tx.query(`INSERT INTO honeypots (item_id, shapes) SELECT id, shapes::jsonb FROM unnest($1::text[], $2::text[]) AS u(id, shapes)`, [
    docs.map((d) => d.itemId),
    docs.map((d) => JSON.stringify(d.shapes)),
  ]);
}

/** What scoring against known answers produces inside one transaction: saved together, so they never disagree. */
export interface KnownAnswerScores {
  history: HistoryEntry[];
  evidence: EvidenceInput[];
  scored: { itemId: string; annotator: string; agreed: boolean }[];
}

export const noKnownAnswerScores = (): KnownAnswerScores => ({ history: [], evidence: [], scored: [] });

/**
 * Scores one submission against its item's (corroborated) known answer with the configured weight; a
 * miss is slashable evidence (evidence/), recorded in the same transaction as the score.
 */
export function scoreKnownAnswer(config: Pick<HubContext['config'], 'iouThreshold' | 'honeypotWeight'>, reps: Map<string, StoredReputation>, out: KnownAnswerScores, sub: StoredSubmission, known: CanonicalShape[], taskId: string): void {
  const score = scoreSubmission(sub.shapes, known, { iouThreshold: config.iouThreshold });
  out.scored.push({ itemId: sub.itemId, annotator: sub.annotator, agreed: score.agreesWith });
  if (!score.agreesWith) out.evidence.push({ account: sub.annotator, kind: 'honeypot_failed', itemId: sub.itemId, taskId, detail: submissionDetail(sub, known, score) });
  updateAnnotator(reps, out.history, { account: sub.annotator, at: new Date(sub.receivedAt), kind: 'honeypot', itemId: sub.itemId }, (rep) => applyScores(rep, score, { weight: config.honeypotWeight }));
}

/** Marks the scored honeypot submissions (never scored twice) and records their evidence; the caller saves the reputations. */
export async function saveKnownAnswerScores(tx: Queryable, out: KnownAnswerScores): Promise<void> {
  await recordEvidence(tx, out.evidence);
  if (out.scored.length === 0) return;
  await tx.query(`INSERT INTO honeypot_scores (item_id, annotator, agreed) SELECT * FROM unnest($1::text[], $2::text[], $3::bool[]) ON CONFLICT DO NOTHING`, [
    out.scored.map((s) => s.itemId),
    out.scored.map((s) => s.annotator),
    out.scored.map((s) => s.agreed),
  ]);
}

/** Submissions of `items` already scored against a known answer ("item annotator"). */
export async function knownAnswerScored(q: Queryable, items: readonly string[]): Promise<Set<string>> {
  const rows = await q.query<{ item_id: string; annotator: string }>('SELECT item_id, annotator FROM honeypot_scores WHERE item_id = ANY($1::text[])', [items]);
  return new Set(rows.map((r) => `${r.item_id} ${r.annotator}`));
}

interface HoneypotItemRow {
  item_id: string;
  task_id: string;
  status: string;
  shapes: CanonicalShape[];
  final_labels: CanonicalShape[] | null;
}

/**
 * Scores the submissions of honeypot items whose known answer is corroborated (judgeHoneypot: a majority of
 * the item's submissions, or its final labels, agree with it) against that answer, with the configured
 * weight — for a disputed item as soon as its k submissions show a majority, without waiting for the
 * verdict. A known answer the annotators' consensus contradicts scores nobody: the item is scored by its
 * final labels like any other (scoreFinalItems). Items are walked in id order from a cursor, so items
 * still undecided (a split dispute waiting for its verdict) never stall the walk.
 */
export async function scoreHoneypotSubmissions(ctx: Pick<HubContext, 'db' | 'config'>, round = scoringRound(ctx.db)): Promise<number> {
  let total = 0;
  let after = '';
  for (;;) {
    const { n, last } = await ctx.db.transaction(async (tx) => {
      await lockReputations(tx);
      // Final items not yet scored are left to scoreFinalItems once it has run (it scores corroborated honeypots too).
      const items = await tx.query<HoneypotItemRow>(
        `SELECT h.item_id, i.task_id, i.status, h.shapes, i.consensus->'labels' AS final_labels FROM honeypots h JOIN items i ON i.id = h.item_id
         WHERE h.item_id > $1 AND (i.status = 'disputed' OR (i.status IN ('accepted', 'resolved') AND i.reputation_scored_at IS NULL))
           AND EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = h.item_id AND a.batch_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM honeypot_scores s WHERE s.item_id = a.item_id AND s.annotator = a.annotator))
         ORDER BY h.item_id LIMIT ${round}`,
        [after],
      );
      if (items.length === 0) return { n: 0, last: after };
      const ids = items.map((i) => i.item_id);
      const [subs, done] = await Promise.all([loadSubmissions(tx, ids), knownAnswerScored(tx, ids)]);
      const subsOf = groupByItem(subs);
      const reps = await loadReputations(tx, subs.map((s) => s.annotator));
      const out = noKnownAnswerScores();
      for (const item of items) {
        const mine = subsOf.get(item.item_id) ?? [];
        const judged = judgeHoneypot({ known: item.shapes, submissions: mine.map((s) => s.shapes), status: item.status, finalLabels: item.final_labels }, ctx.config.iouThreshold);
        if (judged !== 'corroborated') continue;
        for (const s of mine) if (!done.has(`${s.itemId} ${s.annotator}`)) scoreKnownAnswer(ctx.config, reps, out, s, item.shapes, item.task_id);
      }
      await saveReputations(tx, reps, out.history);
      await saveKnownAnswerScores(tx, out);
      return { n: items.length, last: ids[ids.length - 1]! };
    });
    total += n;
    after = last;
    if (n < round) return total;
  }
}

export function groupByItem(subs: readonly StoredSubmission[]): Map<string, StoredSubmission[]> {
  const byItem = new Map<string, StoredSubmission[]>();
  for (const s of subs) byItem.set(s.itemId, [...(byItem.get(s.itemId) ?? []), s]);
  return byItem;
}
