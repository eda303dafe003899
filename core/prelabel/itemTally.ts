import type { Shape } from '../model/shape';
import { countKeyOf } from './counts';
import { countedRuns, decisionOf, eligiblePredictions, fateOfShape, HUMAN_FATES, isHumanDrawn, predictionKey } from './reviewState';
import { addAudit, addRaw, cloneRaw, emptyRaw, isEmptyRaw, rowKey, type RawCountKey, type RawCounts } from './tallyRows';
import type { PrelabelRun, RunPrediction } from './types';

/**
 * What one item adds to its project's pre-label statistics, in a form that
 * does not depend on the rest of the project: the models that ran on it, the
 * counts of its predictions per row (their fates, reviewState.ts) and its
 * hand-drawn boxes per class. "Missed" needs the models' class scopes, which
 * are project-wide, so it is derived when the item is added to the project
 * totals (projectTally.ts). An item no successful run reached counts nothing
 * and is the empty summary.
 */
export interface ItemPrelabelSummary {
  /** The models of the item's successful runs, sorted. */
  models: string[];
  /** Prediction counts by row key (tallyRows.ts `rowKey`); missed is 0 here. */
  predictions: Record<string, RawCounts>;
  /** Hand-drawn boxes by class id. */
  human: Record<string, number>;
}

export const EMPTY_ITEM_SUMMARY: ItemPrelabelSummary = Object.freeze({ models: [], predictions: {}, human: {} }) as ItemPrelabelSummary;

interface CountedPrediction {
  run: PrelabelRun;
  prediction: RunPrediction;
  /** Counts as rejected when no shape holds it (not replaced by a later run). */
  rejectedWithoutShape: boolean;
}

/**
 * One item's summary, kept up to date from each shape's before and after so
 * an edit costs the same whatever the item's or the project's size. Built
 * from the item's runs and shapes; a new run rebuilds it (`setRuns`).
 */
export class ItemTally {
  private counted = new Map<string, CountedPrediction>();
  /** Shapes holding each prediction (normally one; the smallest id is the holder, as in reviewState.ts). */
  private readonly holders = new Map<string, Map<string, Shape>>();
  private readonly human = new Map<string, number>();
  private rows = new Map<string, RawCounts>();
  private models: string[] = [];
  /** Bumped whenever the summary changes. */
  private revisionCount = 0;

  constructor(runs: readonly PrelabelRun[], shapes: Iterable<Shape>) {
    for (const s of shapes) this.addShape(s, false);
    this.setRuns(runs);
  }

  get revision(): number {
    return this.revisionCount;
  }

  /** The item's runs changed (a new run came): recount its predictions over the shapes held. */
  setRuns(runs: readonly PrelabelRun[]): void {
    const counted = countedRuns(runs);
    this.models = [...new Set(counted.map((r) => r.modelId))].sort();
    this.counted = new Map();
    for (const e of eligiblePredictions(counted)) {
      if (e.prediction.classId === null) continue;
      this.counted.set(predictionKey(e.run.runId, e.prediction.predictionId), { run: e.run, prediction: e.prediction, rejectedWithoutShape: e.rejectedWithoutShape });
    }
    this.rows = new Map();
    for (const [key, p] of this.counted) this.count(p, this.holderOf(key), 1);
    this.revisionCount++;
  }

  /** A shape of the item was put (before: its previous version, if any) or removed (after undefined). */
  shapeChanged(before: Shape | undefined, after: Shape | undefined): void {
    if (before) this.removeShape(before);
    if (after) this.addShape(after, true);
  }

  summary(): ItemPrelabelSummary {
    if (this.models.length === 0) return EMPTY_ITEM_SUMMARY;
    const predictions: Record<string, RawCounts> = {};
    for (const [key, r] of [...this.rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (!isEmptyRaw(r)) predictions[key] = cloneRaw(r);
    const human: Record<string, number> = {};
    for (const [classId, n] of [...this.human].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (n > 0) human[classId] = n;
    return { models: [...this.models], predictions, human };
  }

  private addShape(s: Shape, live: boolean): void {
    if (isHumanDrawn(s)) this.human.set(s.classId, (this.human.get(s.classId) ?? 0) + 1);
    if (s.prelabel) {
      const key = predictionKey(s.prelabel.runId, s.prelabel.predictionId);
      this.rehold(key, live, (held) => held.set(s.id, s));
    }
    if (live) this.touched(s);
  }

  private removeShape(s: Shape): void {
    if (isHumanDrawn(s)) this.human.set(s.classId, (this.human.get(s.classId) ?? 0) - 1);
    if (s.prelabel) {
      const key = predictionKey(s.prelabel.runId, s.prelabel.predictionId);
      this.rehold(key, true, (held) => held.delete(s.id));
    }
    this.touched(s);
  }

  /** Changes who holds a prediction, moving its count from the old fate to the new one. */
  private rehold(key: string, live: boolean, change: (held: Map<string, Shape>) => void): void {
    const p = live ? this.counted.get(key) : undefined;
    if (p) this.count(p, this.holderOf(key), -1);
    let held = this.holders.get(key);
    if (!held) this.holders.set(key, (held = new Map()));
    change(held);
    if (held.size === 0) this.holders.delete(key);
    if (p) this.count(p, this.holderOf(key), 1);
  }

  private touched(s: Shape): void {
    if (this.models.length > 0 && (s.prelabel || isHumanDrawn(s))) this.revisionCount++;
  }

  private holderOf(key: string): Shape | undefined {
    const held = this.holders.get(key);
    if (!held) return undefined;
    let min: Shape | undefined;
    for (const s of held.values()) if (!min || s.id < min.id) min = s;
    return min;
  }

  /** Adds (sign 1) or takes away (−1) what one prediction counts, given the shape holding it. */
  private count(p: CountedPrediction, holder: Shape | undefined, sign: 1 | -1): void {
    const fate = holder?.prelabel ? fateOfShape(holder.prelabel) : p.rejectedWithoutShape ? 'rejected' : null;
    if (fate === null) return;
    const delta = emptyRaw();
    delta[countKeyOf(fate) as RawCountKey] = 1;
    const { decision, auditRate } = decisionOf({ prediction: p.prediction, shape: holder });
    if (decision === 'audit' && HUMAN_FATES.has(fate)) addAudit(delta, String(auditRate ?? 1), 1, fate === 'accepted' ? 1 : 0);
    const classId = p.prediction.classId!;
    const modelId = p.run.modelId;
    for (const key of [rowKey.project, rowKey.model(modelId), rowKey.cls(classId), rowKey.modelClass(modelId, classId)]) {
      let row = this.rows.get(key);
      if (!row) this.rows.set(key, (row = emptyRaw()));
      addRaw(row, delta, sign);
    }
  }
}

/** One item's summary from its runs and shapes (the recount). */
export function summarizeItem(runs: readonly PrelabelRun[], shapes: Iterable<Shape>): ItemPrelabelSummary {
  return new ItemTally(runs, shapes).summary();
}
