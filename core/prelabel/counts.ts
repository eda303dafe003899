import type { CountedFate } from './types';

/**
 * One row of pre-label statistics (the project, a model, a class, or a
 * model's class). Every counted prediction is in exactly one of accepted,
 * corrected, rejected or pending (rules in reviewState.ts).
 */
export interface PrelabelCounts {
  /** Accepted unchanged. */
  accepted: number;
  corrected: number;
  rejected: number;
  pending: number;
  /** Hand-drawn boxes of classes the model maps to: objects it could have found and did not. */
  missed: number;
  /** Items this row counts anything on (for a model: items it ran on successfully). */
  items: number;
  /** accepted ÷ reviewed, reviewed = accepted + corrected + rejected; null before any review. */
  verificationRate: number | null;
  /** corrected ÷ reviewed; null before any review. */
  correctionRate: number | null;
}

export type CountKey = CountedFate | 'missed' | 'items';

export function emptyCounts(): PrelabelCounts {
  return { accepted: 0, corrected: 0, rejected: 0, pending: 0, missed: 0, items: 0, verificationRate: null, correctionRate: null };
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

/** Fills in both rates from the counts. */
export function withRates(c: PrelabelCounts): PrelabelCounts {
  c.verificationRate = verificationRate(c);
  c.correctionRate = correctionRate(c);
  return c;
}
