import { compareWithFinal } from '../consensus/agreesWith';
import type { CanonicalShape } from '../sync/canonicalLabels';
import { recordOutcome, type BetaReputation } from './betaReputation';

/**
 * Later evidence about an item a reviewer ruled on: the item's ground truth
 * (a honeypot of the same image) or another reviewer's verdict on it.
 */
export interface VerdictEvidence {
  kind: 'ground_truth' | 'verdict';
  labels: readonly CanonicalShape[];
}

/**
 * A verdict is supported when its final labels agree with the evidence by
 * the consensus matching (every object matched with the same class at the
 * IoU threshold, nothing left over) — the same rule annotators are paid by.
 */
export function verdictSupported(verdictLabels: readonly CanonicalShape[], evidence: VerdictEvidence, iouThreshold = 0.5): boolean {
  return compareWithFinal(verdictLabels, evidence.labels, iouThreshold).agrees;
}

/** A reviewer's Beta moves like an annotator's: supported → alpha, contradicted → beta. */
export function recordVerdictEvidence(rep: BetaReputation, evidence: { supported: boolean; weight?: number }): BetaReputation {
  return recordOutcome(rep, { agreed: evidence.supported, weight: evidence.weight });
}
