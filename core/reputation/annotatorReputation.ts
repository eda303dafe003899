import { compareText } from '../sync/canonicalLabels';
import { emptyReputation, recordOutcome, summarize, type BetaReputation, type ReputationSummary } from './betaReputation';
import type { SubmissionScore } from './scoreSubmission';

/**
 * An annotator's record: `overall` moves once per scored item (the item-level
 * outcome, i.e. the reward rule), `perClass` once per object in the class the
 * outcome names. `scoredItems` counts items, for the tier table.
 */
export interface AnnotatorReputation {
  overall: BetaReputation;
  perClass: Record<string, BetaReputation>;
  scoredItems: number;
}

export interface AnnotatorReputationSummary {
  overall: ReputationSummary;
  perClass: Record<string, ReputationSummary>;
  scoredItems: number;
}

export interface ApplyOptions {
  /** Weight of this item's outcomes (default 1), e.g. more for ground truth. */
  weight?: number;
  /** Prior for a class seen for the first time (default Beta(2,2)). */
  prior?: BetaReputation;
}

export function emptyAnnotatorReputation(prior?: BetaReputation): AnnotatorReputation {
  return { overall: emptyReputation(prior), perClass: {}, scoredItems: 0 };
}

/** Adds one scored item to an annotator's record. Returns a new record; the input is not changed. */
export function applyScores(rep: AnnotatorReputation, score: SubmissionScore, options: ApplyOptions = {}): AnnotatorReputation {
  const weight = options.weight ?? 1;
  const perClass = { ...rep.perClass };
  for (const o of score.objects) {
    perClass[o.className] = recordOutcome(perClass[o.className] ?? emptyReputation(options.prior), { agreed: o.agreed, weight });
  }
  return {
    overall: recordOutcome(rep.overall, { agreed: score.agreesWith, weight }),
    perClass,
    scoredItems: (rep.scoredItems ?? 0) + 1,
  };
}

export function summarizeAnnotator(rep: AnnotatorReputation, q?: number): AnnotatorReputationSummary {
  const perClass: Record<string, ReputationSummary> = {};
  for (const name of Object.keys(rep.perClass).sort(compareText)) perClass[name] = summarize(rep.perClass[name]!, q);
  return { overall: summarize(rep.overall, q), perClass, scoredItems: rep.scoredItems };
}
