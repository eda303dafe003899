import { scoreSubmission } from '../../core/reputation';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';

/**
 * Whether a honeypot's known answer may count against the annotators of its item.
 * - `corroborated`: a strict majority of the item's submissions agree with the known answer, or the item's
 *   final labels (consensus, or a reviewer's verdict) do. The known answer then scores every submission.
 * - `suspect`: the item is final, its final labels contradict the known answer and no majority of
 *   submissions supports it. The requester's answer is the odd one out: it scores nobody, records no
 *   evidence, and the item is scored like any other (by its final labels); the operator sees it listed.
 * - `undecided`: not every submission is in yet, or the submissions split and the dispute waits for a verdict.
 *
 * Why: a requester could publish wrong "known answers" and so lower honest annotators' reputations, tiers and
 * multipliers, and even build slashing evidence against them. With this rule a wrong answer only hurts anyone
 * when the annotators' own consensus (or a reviewer) sides with it — and then consensus alone would have
 * scored them the same way.
 */
export type HoneypotJudgement = 'corroborated' | 'suspect' | 'undecided';

export interface HoneypotCase {
  known: readonly CanonicalShape[];
  /** Every submission of the item so far. */
  submissions: readonly (readonly CanonicalShape[])[];
  /** The item's status: only a final one ('accepted', 'resolved') has `finalLabels`. */
  status: string;
  finalLabels: readonly CanonicalShape[] | null;
}

export function judgeHoneypot(c: HoneypotCase, iouThreshold: number): HoneypotJudgement {
  // An open item still waits for submissions: a partial majority decides nothing.
  if (c.status === 'open' || c.submissions.length === 0) return 'undecided';
  const agree = c.submissions.filter((s) => scoreSubmission(s, c.known, { iouThreshold }).agreesWith).length;
  if (agree * 2 > c.submissions.length) return 'corroborated';
  const final = c.status === 'accepted' || c.status === 'resolved' ? c.finalLabels : null;
  if (!final) return 'undecided';
  return scoreSubmission(final, c.known, { iouThreshold }).agreesWith ? 'corroborated' : 'suspect';
}
