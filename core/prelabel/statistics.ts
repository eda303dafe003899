import type { LabelSchema } from '../model/labelSchema';
import type { Shape } from '../model/shape';
import { addToTally, emptyTally, type WeightedTally } from './autoAccept/lowerBound';
import { auditedCounts, countKeyOf, emptyCounts, withRates, type CountKey, type PrelabelCounts } from './counts';
import { classScopesByModel } from './modelClassScope';
import { countedRuns, decisionOf, HUMAN_FATES, isHumanDrawn, reviewItemPredictions, runsByItem } from './reviewState';
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

function row<K>(map: Map<K, PrelabelCounts>, key: K): PrelabelCounts {
  let c = map.get(key);
  if (!c) map.set(key, (c = emptyCounts()));
  return c;
}

function nestedRow(map: Map<string, Map<string, PrelabelCounts>>, outer: string, inner: string): PrelabelCounts {
  let rows = map.get(outer);
  if (!rows) map.set(outer, (rows = new Map()));
  return row(rows, inner);
}

/** Audit predictions a human decided, per row: weighted tally (1/auditRate each) and how many were accepted. */
interface AuditTally {
  tally: WeightedTally;
  accepted: number;
}

export function computePrelabelStats(input: StatsInput): PrelabelStats {
  const runs = [...input.runs];
  const scopes = classScopesByModel(input.schema, runs);
  const itemRuns = runsByItem(runs);
  const project = emptyCounts();
  const byModel = new Map<string, PrelabelCounts>();
  const byClass = new Map<string, PrelabelCounts>();
  const byModelClass = new Map<string, Map<string, PrelabelCounts>>();
  const modelClass = (modelId: string, classId: string) => nestedRow(byModelClass, modelId, classId);
  const audits = new Map<PrelabelCounts, AuditTally>();
  const audit = (r: PrelabelCounts, weight: number, accepted: boolean) => {
    let a = audits.get(r);
    if (!a) audits.set(r, (a = { tally: emptyTally(), accepted: 0 }));
    addToTally(a.tally, { correct: accepted, weight });
    if (accepted) a.accepted += 1;
  };

  for (const item of input.items) {
    const models = [...new Set(countedRuns(itemRuns.get(item.id) ?? []).map((r) => r.modelId))];
    if (models.length === 0) continue;
    const shapes = input.shapesByItem.get(item.id) ?? [];
    // Rows that counted something on this item, so each gets its item counted once.
    const touched = new Set<PrelabelCounts>([project, ...models.map((m) => row(byModel, m))]);
    const add = (key: CountKey, ...rows: PrelabelCounts[]) => {
      for (const r of rows) {
        r[key] += 1;
        touched.add(r);
      }
    };
    for (const reviewed of reviewItemPredictions(itemRuns.get(item.id) ?? [], shapes)) {
      const { run, prediction, fate } = reviewed;
      if (fate === 'unmapped') continue;
      const classId = prediction.classId!;
      const rows = [project, row(byModel, run.modelId), row(byClass, classId), modelClass(run.modelId, classId)];
      add(countKeyOf(fate), ...rows);
      const { decision, auditRate } = decisionOf(reviewed);
      if (decision === 'audit' && HUMAN_FATES.has(fate)) for (const r of rows) audit(r, 1 / (auditRate ?? 1), fate === 'accepted');
    }
    for (const shape of shapes.filter(isHumanDrawn)) {
      const blamed = models.filter((m) => scopes.get(m)?.has(shape.classId));
      if (blamed.length === 0) continue;
      add('missed', project, row(byClass, shape.classId), ...blamed.flatMap((m) => [row(byModel, m), modelClass(m, shape.classId)]));
    }
    for (const r of touched) r.items += 1;
  }
  const confidence = input.confidence ?? 0.9;
  const finish = (c: PrelabelCounts) => {
    withRates(c);
    const a = audits.get(c);
    if (a) c.audited = auditedCounts(a.tally, a.accepted, confidence);
  };
  finish(project);
  for (const c of byModel.values()) finish(c);
  for (const c of byClass.values()) finish(c);
  for (const perClass of byModelClass.values()) for (const c of perClass.values()) finish(c);
  return { project, byModel, byClass, byModelClass };
}
