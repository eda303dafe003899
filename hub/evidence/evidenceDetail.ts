import type { SubmissionScore } from '../../core/reputation';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import type { StoredSubmission } from '../consensus/loadSubmissions';

/** Shape count and count per class: enough to see what was wrong without copying every box into the evidence. */
export function labelSummary(shapes: readonly CanonicalShape[]): { shapes: number; classes: Record<string, number> } {
  const classes: Record<string, number> = {};
  for (const s of shapes) classes[s.className] = (classes[s.className] ?? 0) + 1;
  return { shapes: shapes.length, classes };
}

/** How the submission compared with the reference, per object outcome (core `scoreSubmission`). */
export function outcomeSummary(score: SubmissionScore): { matched: number; wrongClass: number; missed: number; extra: number } {
  const count = (kind: string) => score.objects.filter((o) => o.kind === kind).length;
  return { matched: count('matched'), wrongClass: count('wrong_class'), missed: count('missed'), extra: count('extra') };
}

/**
 * The part of every evidence detail that points at the signed submission:
 * the batch digest (the EIP-712 digest the annotator signed, see GET
 * /items/:id/lineage) and the label hash of the item inside it, so anyone
 * can check the submitted labels are really the annotator's.
 */
export function submissionDetail(sub: StoredSubmission, reference: readonly CanonicalShape[], score: SubmissionScore): Record<string, unknown> {
  return {
    batchDigest: sub.batchDigest,
    labelHash: sub.labelHash,
    expected: labelSummary(reference),
    submitted: labelSummary(sub.shapes),
    outcome: outcomeSummary(score),
  };
}
