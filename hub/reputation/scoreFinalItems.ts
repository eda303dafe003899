import { applyScores, emptyReputation, mean, recordVerdictEvidence, scoreSubmission, verdictSupported } from '../../core/reputation';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import { DecodedBlobs } from '../consensus/decodedBlobs';
import { loadSubmissions } from '../consensus/loadSubmissions';
import type { HubContext } from '../context';
import type { Queryable } from '../db/adapter';
import { submissionDetail } from '../evidence/evidenceDetail';
import { recordEvidence, type EvidenceInput } from '../evidence/recordEvidence';
import { groupByItem, knownAnswerScored, noKnownAnswerScores, saveKnownAnswerScores, scoreKnownAnswer } from './honeypots';
import { judgeHoneypot } from './judgeHoneypot';
import { scoringRound } from './scoringRound';
import { freshReputation, loadReputations, lockReputations, saveReputations, updateAnnotator, type HistoryEntry } from './reputationStore';

interface FinalRow {
  id: string;
  task_id: string;
  status: 'accepted' | 'resolved';
  labels: CanonicalShape[];
  finalized_at: Date | null;
  honeypot: CanonicalShape[] | null;
  reviewer: string | null;
  verdict_at: Date | null;
  verdict_id: string | null;
  /** The final labels' agreeing annotators (consensus or verdict document). */
  agreeing: string[] | null;
  /** 'video' for a video item's document, else null. */
  kind: string | null;
}

/**
 * Moves reputations by items whose final labels are known and not yet
 * scored: every annotator of an accepted (consensus) or resolved (verdict)
 * item is scored against its final labels (core `scoreSubmission`, the same
 * matching as consensus and rewards). A honeypot item whose known answer is
 * corroborated (judgeHoneypot) scores its annotators against that answer
 * instead (if scoreHoneypotSubmissions has not already), and a verdict on it
 * is evidence about its REVIEWER (supported when the verdict agrees with the
 * known answer); a suspect honeypot is scored like any other item.
 * Returns the number of items scored. One transaction per round; each item
 * is marked so it is never scored twice.
 */
export async function scoreFinalItems(ctx: Pick<HubContext, 'db' | 'config'>, round = scoringRound(ctx.db)): Promise<number> {
  let total = 0;
  // Rounds go by item id, so a batch's items are spread over all of them: each batch is decoded once per pass.
  const decoded = new DecodedBlobs();
  for (;;) {
    const n = await ctx.db.transaction(async (tx) => {
      await lockReputations(tx);
      const rows = await tx.query<FinalRow>(
        `SELECT i.id, i.task_id, i.status, i.consensus->'labels' AS labels, i.finalized_at, h.shapes AS honeypot, v.reviewer, v.received_at AS verdict_at,
           v.digest AS verdict_id, i.consensus->'agreeingAnnotators' AS agreeing, i.consensus->>'kind' AS kind
         FROM items i LEFT JOIN honeypots h ON h.item_id = i.id LEFT JOIN verdicts v ON v.item_id = i.id
         WHERE i.status IN ('accepted', 'resolved') AND i.reputation_scored_at IS NULL
         ORDER BY i.id LIMIT ${round} FOR UPDATE OF i`,
      );
      if (rows.length === 0) return 0;
      await scoreRows(ctx, tx, rows, decoded);
      await tx.query('UPDATE items SET reputation_scored_at = now() WHERE id = ANY($1::text[])', [rows.map((r) => r.id)]);
      return rows.length;
    });
    total += n;
    if (n < round) return total;
  }
}

async function scoreRows(ctx: Pick<HubContext, 'config'>, tx: Queryable, rows: FinalRow[], decoded: DecodedBlobs): Promise<void> {
  const iouThreshold = ctx.config.iouThreshold;
  const honeypotIds = rows.filter((r) => r.honeypot).map((r) => r.id);
  const [subs, knownScored] = await Promise.all([loadSubmissions(tx, rows.map((r) => r.id), { decoded }), knownAnswerScored(tx, honeypotIds)]);
  const subsOf = groupByItem(subs);
  // A honeypot counts only when corroborated (judgeHoneypot); a suspect one is scored like any other item.
  const corroborated = new Set(
    rows
      .filter((r) => r.honeypot && judgeHoneypot({ known: r.honeypot, submissions: (subsOf.get(r.id) ?? []).map((s) => s.shapes), status: r.status, finalLabels: r.labels }, iouThreshold) === 'corroborated')
      .map((r) => r.id),
  );
  const reviewers = rows.filter((r) => corroborated.has(r.id) && r.reviewer).map((r) => r.reviewer!);
  const reps = await loadReputations(tx, [...subs.map((s) => s.annotator), ...reviewers]);
  const history: HistoryEntry[] = [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const evidence: EvidenceInput[] = [];
  const known = noKnownAnswerScores();
  for (const s of subs) {
    const row = byId.get(s.itemId)!;
    // Scored against a known answer already (or from before this rule): never twice.
    if (knownScored.has(`${s.itemId} ${s.annotator}`)) continue;
    if (corroborated.has(row.id)) {
      scoreKnownAnswer(ctx.config, reps, known, s, row.honeypot!, row.task_id);
      continue;
    }
    let score = scoreSubmission(s.shapes, row.labels, { iouThreshold });
    // A video item's agreement covers its tracks, frame tags and segments, not only its single-frame boxes: it was
    // decided by core videoAgreesWith (consensus or verdict) and stored as the agreeing annotators, as rewards read it.
    if (row.kind === 'video') score = { ...score, agreesWith: (row.agreeing ?? []).includes(s.annotator) };
    const kind = row.status === 'resolved' ? 'verdict' : 'consensus';
    const at = new Date(row.finalized_at ?? Date.now());
    updateAnnotator(reps, history, { account: s.annotator, at, kind, itemId: s.itemId }, (rep) => applyScores(rep, score));
    // A verdict that did not side with this annotator is slashable evidence (evidence/). Corroborated honeypot
    // items are left out here: their annotators were judged by the known answer (honeypot_failed), not twice.
    if (row.status === 'resolved' && row.verdict_id && !(row.agreeing ?? []).includes(s.annotator)) {
      evidence.push({ account: s.annotator, kind: 'verdict_against', itemId: s.itemId, taskId: row.task_id, detail: { verdictId: row.verdict_id, reviewer: row.reviewer, ...submissionDetail(s, row.labels, score) } });
    }
  }
  for (const row of rows) {
    // A reviewer is checked against a known answer only when it is corroborated by the submissions; a verdict
    // that contradicts a suspect honeypot is not held against the reviewer.
    if (!corroborated.has(row.id) || !row.reviewer) continue;
    const supported = verdictSupported(row.labels, { kind: 'ground_truth', labels: row.honeypot! }, iouThreshold);
    const rep = reps.get(row.reviewer) ?? freshReputation();
    const before = rep.reviewer ?? emptyReputation();
    const reviewer = recordVerdictEvidence(before, { supported, weight: ctx.config.honeypotWeight });
    reps.set(row.reviewer, { ...rep, reviewer });
    history.push({ account: row.reviewer, at: new Date(row.verdict_at ?? Date.now()), kind: 'review', itemId: row.id, delta: mean(reviewer) - mean(before), mean: mean(reviewer) });
  }
  await saveReputations(tx, reps, [...known.history, ...history]);
  await recordEvidence(tx, evidence);
  await saveKnownAnswerScores(tx, known);
}
