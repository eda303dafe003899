import type { Shape } from '../../model/shape';
import { decisionOf, HUMAN_FATES, reviewItemPredictions, runsByItem } from '../reviewState';
import type { PrelabelRun } from '../types';

/** One prediction a human decided: the review history thresholds are chosen from. */
export interface Observation {
  modelId: string;
  /** The class the model predicted (project class id). */
  classId: string;
  score: number;
  /** Accepted unchanged; corrected and rejected ones were wrong as proposed. */
  correct: boolean;
  /** How many predictions it stands for: 1, or 1/auditRate for an audit sample. */
  weight: number;
}

export interface ObservationsInput {
  runs: Iterable<PrelabelRun>;
  shapesByItem: ReadonlyMap<string, readonly Shape[]>;
  /** Only these items (the project's items now); default: every item a run names. */
  items?: Iterable<{ id: string }>;
}

/**
 * The human review history: every counted prediction (reviewState.ts) a
 * human accepted, corrected or rejected — ordinary pre-labels with weight 1,
 * audit samples with weight 1/auditRate. Pending predictions are not judged
 * yet. Predictions the policy auto-accepted are left out whatever became of
 * them: untouched, no human looked; edited or deleted later, a human came
 * across them by choice, not by lot, so they are no sample of the
 * auto-accepted ones (README.md: the audit samples are).
 */
export function reviewObservations(input: ObservationsInput): Observation[] {
  const itemRuns = runsByItem(input.runs);
  const ids = input.items ? [...input.items].map((i) => i.id) : [...itemRuns.keys()];
  const out: Observation[] = [];
  for (const id of ids) {
    for (const reviewed of reviewItemPredictions(itemRuns.get(id) ?? [], input.shapesByItem.get(id) ?? [])) {
      if (!HUMAN_FATES.has(reviewed.fate)) continue;
      const { decision, auditRate } = decisionOf(reviewed);
      if (decision === 'auto') continue;
      const weight = decision === 'audit' && auditRate ? 1 / auditRate : 1;
      const { run, prediction } = reviewed;
      out.push({ modelId: run.modelId, classId: prediction.classId!, score: prediction.score, correct: reviewed.fate === 'accepted', weight });
    }
  }
  return out;
}
