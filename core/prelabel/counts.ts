import { weightedLowerBound, weightedPrecision, type WeightedTally } from './autoAccept/lowerBound';
import type { CountedFate } from './types';

/** Audit samples a human decided (pre-labels the policy would have accepted, drawn at random for review). */
export interface AuditedCounts {
  /** Accepted + corrected + rejected audit predictions. */
  reviewed: number;
  /** Of them accepted unchanged. */
  accepted: number;
  /** accepted ÷ reviewed, each weighted by 1/auditRate (equal rates: the plain share); null before any. */
  precision: number | null;
  /** Its one-sided lower bound (Korn–Graubard) at the statistics' confidence; null before any. */
  lowerBound: number | null;
}

/**
 * One row of pre-label statistics (the project, a model, a class, or a
 * model's class). Every counted prediction is in exactly one of accepted,
 * corrected, rejected, pending or autoAccepted (rules in reviewState.ts).
 */
export interface PrelabelCounts {
  /** Accepted unchanged by a human. */
  accepted: number;
  corrected: number;
  rejected: number;
  pending: number;
  /** Accepted by the auto-accept policy, untouched by a human (fate `auto`): in no rate. */
  autoAccepted: number;
  /** (counted − autoAccepted) ÷ counted: the share of predictions that needed a human; null when nothing counted. */
  needsHumanShare: number | null;
  audited: AuditedCounts;
  /** Hand-drawn boxes of classes the model maps to: objects it could have found and did not. */
  missed: number;
  /** Items this row counts anything on (for a model: items it ran on successfully). */
  items: number;
  /** accepted ÷ reviewed, reviewed = accepted + corrected + rejected; null before any review. */
  verificationRate: number | null;
  /** corrected ÷ reviewed; null before any review. */
  correctionRate: number | null;
}

export type CountKey = Exclude<CountedFate, 'auto'> | 'autoAccepted' | 'missed' | 'items';

/** The row field a fate counts in. */
export const countKeyOf = (fate: CountedFate): CountKey => (fate === 'auto' ? 'autoAccepted' : fate);

export function emptyCounts(): PrelabelCounts {
  return {
    accepted: 0,
    corrected: 0,
    rejected: 0,
    pending: 0,
    autoAccepted: 0,
    needsHumanShare: null,
    audited: { reviewed: 0, accepted: 0, precision: null, lowerBound: null },
    missed: 0,
    items: 0,
    verificationRate: null,
    correctionRate: null,
  };
}

export function reviewedCount(c: Pick<PrelabelCounts, 'accepted' | 'corrected' | 'rejected'>): number {
  return c.accepted + c.corrected + c.rejected;
}

/** Pending predictions are not judged yet: they are in neither rate. */
export function verificationRate(c: Pick<PrelabelCounts, 'accepted' | 'corrected' | 'rejected'>): number | null {
  const reviewed = reviewedCount(c);
  return reviewed === 0 ? null : c.accepted / reviewed;
}

export function correctionRate(c: Pick<PrelabelCounts, 'accepted' | 'corrected' | 'rejected'>): number | null {
  const reviewed = reviewedCount(c);
  return reviewed === 0 ? null : c.corrected / reviewed;
}

export function needsHumanShare(c: Pick<PrelabelCounts, 'accepted' | 'corrected' | 'rejected' | 'pending' | 'autoAccepted'>): number | null {
  const counted = reviewedCount(c) + c.pending + c.autoAccepted;
  return counted === 0 ? null : (counted - c.autoAccepted) / counted;
}

/** The audited row from the audit predictions' weighted tally (weight 1/auditRate each) and how many were accepted. */
export function auditedCounts(tally: WeightedTally, accepted: number, confidence: number): AuditedCounts {
  if (tally.count === 0) return { reviewed: 0, accepted: 0, precision: null, lowerBound: null };
  return { reviewed: tally.count, accepted, precision: weightedPrecision(tally), lowerBound: weightedLowerBound(tally, confidence) };
}

/** Fills in both rates and the share that needed a human from the counts. */
export function withRates(c: PrelabelCounts): PrelabelCounts {
  c.verificationRate = verificationRate(c);
  c.correctionRate = correctionRate(c);
  c.needsHumanShare = needsHumanShare(c);
  return c;
}
