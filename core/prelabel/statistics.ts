import type { LabelSchema } from '../model/labelSchema';
import type { Shape } from '../model/shape';
import { emptyTally } from './autoAccept/lowerBound';
import { auditedCounts, emptyCounts, withRates, type PrelabelCounts } from './counts';
import { recountTotals, type ProjectPrelabelTotals, type TotalRow } from './projectTally';
import { parseRowKey, RAW_COUNT_KEYS, rowKey } from './tallyRows';
import type { PrelabelRun } from './types';

export { correctionRate, emptyCounts, verificationRate, type PrelabelCounts } from './counts';

/**
 * How often the models were right (which predictions count and their fates:
 * reviewState.ts; the rows and rates: counts.ts). Predictions count for the
 * class the model predicted; a hand-drawn box counts as missed for a model
 * that ran on its item and maps its class, and for the project and its class
 * once if any such model did.
 */
export interface PrelabelStats {
  project: PrelabelCounts;
  byModel: Map<string, PrelabelCounts>;
  /** By project class id. */
  byClass: Map<string, PrelabelCounts>;
  /** By model id, then project class id. */
  byModelClass: Map<string, Map<string, PrelabelCounts>>;
}

export interface StatsInput {
  schema: LabelSchema;
  runs: Iterable<PrelabelRun>;
  items: Iterable<{ id: string }>;
  shapesByItem: ReadonlyMap<string, readonly Shape[]>;
  /** Confidence of the audited precision's lower bound (the auto-accept policy's); default 0.9. */
  confidence?: number;
}

function finishRow(t: TotalRow, confidence: number): PrelabelCounts {
  const c = emptyCounts();
  for (const k of RAW_COUNT_KEYS) c[k] = t[k];
  c.items = t.items;
  withRates(c);
  // Audit weights are 1/rate; summed here from integer counts per rate, so counters never drift.
  const tally = emptyTally();
  let accepted = 0;
  for (const [rate, a] of Object.entries(t.audits).sort(([x], [y]) => Number(x) - Number(y))) {
    const w = 1 / Number(rate);
    tally.count += a.n;
    tally.weight += a.n * w;
    tally.weightSquared += a.n * w * w;
    tally.correctWeight += a.accepted * w;
    accepted += a.accepted;
  }
  c.audited = auditedCounts(tally, accepted, confidence);
  return c;
}

/** The statistics the panel shows, from a project's counters (projectTally.ts). */
export function statsOfTotals(totals: ProjectPrelabelTotals, confidence = 0.9): PrelabelStats {
  const project = totals.rows[rowKey.project] ? finishRow(totals.rows[rowKey.project]!, confidence) : emptyCounts();
  const byModel = new Map<string, PrelabelCounts>();
  const byClass = new Map<string, PrelabelCounts>();
  const byModelClass = new Map<string, Map<string, PrelabelCounts>>();
  for (const key of Object.keys(totals.rows).sort()) {
    const row = finishRow(totals.rows[key]!, confidence);
    const parsed = parseRowKey(key);
    if (parsed.kind === 'model') byModel.set(parsed.modelId, row);
    else if (parsed.kind === 'class') byClass.set(parsed.classId, row);
    else if (parsed.kind === 'modelClass') {
      let perClass = byModelClass.get(parsed.modelId);
      if (!perClass) byModelClass.set(parsed.modelId, (perClass = new Map()));
      perClass.set(parsed.classId, row);
    }
  }
  return { project, byModel, byClass, byModelClass };
}

/** The statistics recounted from the records (stores keep them as counters instead: projectTally.ts). */
export function computePrelabelStats(input: StatsInput): PrelabelStats {
  return statsOfTotals(recountTotals(input).totals, input.confidence);
}
