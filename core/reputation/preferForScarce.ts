import { compareText } from '../sync/canonicalLabels';

export interface AssignmentCandidate {
  annotator: string;
  /** Overall reputation lower bound. */
  lower: number;
  /** Items currently assigned and not yet submitted. */
  assignments: number;
}

/**
 * Who gets a scarce item first: the highest reputation lower bound (so a
 * lucky newcomer with 2 of 2 right does not jump proven annotators), then the
 * fewest open assignments (spread the load), then the address for a stable
 * order. Returns a new array.
 */
export function preferForScarce<T extends AssignmentCandidate>(candidates: readonly T[]): T[] {
  return [...candidates].sort((a, b) => b.lower - a.lower || a.assignments - b.assignments || compareText(a.annotator.toLowerCase(), b.annotator.toLowerCase()));
}
