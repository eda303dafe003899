import { applyScores, scoreSubmission } from '../../core/reputation';
import { normalizeShape, type CanonicalShape } from '../../core/sync/canonicalLabels';
import { loadSubmissions } from '../consensus/loadSubmissions';
import type { HubContext } from '../context';
import type { Queryable } from '../db/adapter';
import { badRequest } from '../http/hubError';
import { submissionDetail } from '../evidence/evidenceDetail';
import { recordEvidence, type EvidenceInput } from '../evidence/recordEvidence';
import { loadReputations, lockReputations, saveReputations, updateAnnotator, type HistoryEntry } from './reputationStore';

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

const ROUND = 2000;

/**
 * Scores every submission of a honeypot item not scored yet against the
 * known answer (core `scoreSubmission`), with the configured weight: the
 * annotator's reputation moves as soon as the hub looks, without waiting for
 * the item's other submissions or consensus.
 */
export async function scoreHoneypotSubmissions(ctx: Pick<HubContext, 'db' | 'config'>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await ctx.db.transaction(async (tx) => {
      await lockReputations(tx);
      const pending = await tx.query<{ item_id: string; task_id: string; annotator: string; shapes: CanonicalShape[]; received_at: Date }>(
        `SELECT a.item_id, a.task_id, a.annotator, h.shapes, b.received_at FROM honeypots h
         JOIN assignments a ON a.item_id = h.item_id JOIN batches b ON b.id = a.batch_id
         WHERE NOT EXISTS (SELECT 1 FROM honeypot_scores s WHERE s.item_id = a.item_id AND s.annotator = a.annotator)
         ORDER BY a.item_id, a.annotator LIMIT ${ROUND}`,
      );
      if (pending.length === 0) return 0;
      const wanted = new Set(pending.map((p) => `${p.item_id} ${p.annotator}`));
      const subs = (await loadSubmissions(tx, [...new Set(pending.map((p) => p.item_id))])).filter((s) => wanted.has(`${s.itemId} ${s.annotator}`));
      const answer = new Map(pending.map((p) => [p.item_id, p]));
      const reps = await loadReputations(tx, subs.map((s) => s.annotator));
      const history: HistoryEntry[] = [];
      const agreed: boolean[] = [];
      const evidence: EvidenceInput[] = [];
      for (const s of subs) {
        const p = answer.get(s.itemId)!;
        const score = scoreSubmission(s.shapes, p.shapes, { iouThreshold: ctx.config.iouThreshold });
        agreed.push(score.agreesWith);
        // A known answer missed is slashable evidence (evidence/): recorded in this transaction, with the score.
        if (!score.agreesWith) evidence.push({ account: s.annotator, kind: 'honeypot_failed', itemId: s.itemId, taskId: p.task_id, detail: submissionDetail(s, p.shapes, score) });
        updateAnnotator(reps, history, { account: s.annotator, at: new Date(p.received_at), kind: 'honeypot', itemId: s.itemId }, (rep) => applyScores(rep, score, { weight: ctx.config.honeypotWeight }));
      }
      await saveReputations(tx, reps, history);
      await recordEvidence(tx, evidence);
      await tx.query(`INSERT INTO honeypot_scores (item_id, annotator, agreed) SELECT * FROM unnest($1::text[], $2::text[], $3::bool[])`, [
        subs.map((s) => s.itemId),
        subs.map((s) => s.annotator),
        agreed,
      ]);
      return pending.length;
    });
    total += n;
    if (n < ROUND) return total;
  }
}
