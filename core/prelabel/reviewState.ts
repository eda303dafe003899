import type { Shape } from '../model/shape';
import type { CountedFate, PredictionFate, PrelabelRun, RunPrediction } from './types';

/**
 * Where each prediction of an item stands. The rules (statistics and the
 * corrections export both use them):
 *
 * Which predictions count: those of EVERY successful run on the item (a
 * failed run made no prediction), except the ones a later run replaced — a
 * re-run of a model removes that model's still-pending pre-labels and lists
 * them in its `replaced`; they were never judged, and the new run proposes
 * afresh. So a re-run adds its predictions while the earlier runs' reviewed
 * predictions keep their fate.
 *
 * The fate of a counted prediction, exactly one of:
 * - a shape refers to it (shape.prelabel.runId/predictionId): the shape's
 *   review — `pending` (not looked at yet), `accepted` (taken as predicted),
 *   `corrected` (box, class or attributes changed before taking it);
 *   A shape the auto-accept policy accepted (`decision: 'auto'`, review
 *   `accepted`) is `auto`: no human looked, so it is in no human rate. Once a
 *   human edits it, it is `corrected` (the editor marks it so);
 * - no shape refers to it: `rejected`, at once — the annotator deleted it.
 *   Undoing a pre-label step also leaves its predictions without shapes, so
 *   they count as rejected too: the annotator threw those proposals away.
 *
 * `unmapped` predictions (no project class of that name, so no shape was
 * made) are listed for the export but count nowhere.
 *
 * Records written before re-runs kept work have no `replaced`: such a run
 * removed EVERY pending pre-label of the item, so a shape-less prediction of
 * any run before it is taken as replaced, not rejected.
 */
export interface ReviewedPrediction {
  run: PrelabelRun;
  prediction: RunPrediction;
  fate: PredictionFate;
  /** The shape that holds the prediction now (absent when rejected or unmapped). */
  shape?: Shape;
}

/** A shape's review, except that one the policy accepted and no human touched since is `auto`. */
export function fateOfShape(prelabel: NonNullable<Shape['prelabel']>): CountedFate {
  return prelabel.decision === 'auto' && prelabel.review === 'accepted' ? 'auto' : prelabel.review;
}

function byAge(a: PrelabelRun, b: PrelabelRun): number {
  return a.createdAt - b.createdAt || (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0);
}

/** The auto-accept decision made for it (the run record's, else the shape's) and the audit chance it had. */
export function decisionOf(r: Pick<ReviewedPrediction, 'prediction' | 'shape'>): { decision?: 'auto' | 'audit'; auditRate?: number } {
  const decision = r.prediction.decision ?? r.shape?.prelabel?.decision;
  if (!decision) return {};
  const auditRate = r.prediction.auditRate ?? r.shape?.prelabel?.auditRate;
  return auditRate === undefined ? { decision } : { decision, auditRate };
}

/** A human decided it: taken, fixed or deleted (not pending, not left to the policy). */
export const HUMAN_FATES: ReadonlySet<PredictionFate> = new Set(['accepted', 'corrected', 'rejected']);

/** The successful runs on one item, oldest first. */
export function countedRuns(runs: Iterable<PrelabelRun>): PrelabelRun[] {
  return [...runs].filter((r) => r.error === undefined).sort(byAge);
}

/**
 * The predictions of an item's successful runs (oldest first, from
 * countedRuns), each with whether it counts as rejected when no shape holds
 * it: not when a later run replaced it, nor (legacy records without
 * `replaced`) when a run before the newest legacy record made it.
 */
export function eligiblePredictions(runs: readonly PrelabelRun[]): { run: PrelabelRun; prediction: RunPrediction; rejectedWithoutShape: boolean }[] {
  const replaced = new Set(runs.flatMap((r) => r.replaced ?? []));
  let lastLegacy = -1;
  runs.forEach((r, i) => {
    if (r.replaced === undefined) lastLegacy = i;
  });
  return runs.flatMap((run, index) => run.predictions.map((prediction) => ({ run, prediction, rejectedWithoutShape: !replaced.has(prediction.predictionId) && index >= lastLegacy })));
}

/** Identifies a prediction within an item (run ids and prediction ids are made unique, together they always are). */
export const predictionKey = (runId: string, predictionId: string) => `${runId}\u0000${predictionId}`;

/**
 * The shape holding each prediction, by `runId\0predictionId`. Two shapes
 * holding the same prediction (a copied pre-label) is rare; the one with the
 * smallest id holds it, whatever the shapes' order, so counting is the same
 * however the shapes were loaded (and itemTally.ts can keep it per shape).
 */
function holdersOf(shapes: readonly Shape[]): Map<string, Shape> {
  const holder = new Map<string, Shape>();
  for (const s of shapes) {
    if (!s.prelabel) continue;
    const key = predictionKey(s.prelabel.runId, s.prelabel.predictionId);
    const held = holder.get(key);
    if (!held || s.id < held.id) holder.set(key, s);
  }
  return holder;
}

/** The counted predictions of one item (all its runs, any order) with their fates, oldest run first. */
export function reviewItemPredictions(itemRuns: Iterable<PrelabelRun>, shapes: readonly Shape[]): ReviewedPrediction[] {
  const holder = holdersOf(shapes);
  const out: ReviewedPrediction[] = [];
  for (const { run, prediction, rejectedWithoutShape } of eligiblePredictions(countedRuns(itemRuns))) {
    if (prediction.classId === null) {
      out.push({ run, prediction, fate: 'unmapped' });
      continue;
    }
    const shape = holder.get(predictionKey(run.runId, prediction.predictionId));
    if (shape?.prelabel) out.push({ run, prediction, fate: fateOfShape(shape.prelabel), shape });
    else if (rejectedWithoutShape) out.push({ run, prediction, fate: 'rejected' });
  }
  return out;
}

/** Run records grouped by item. */
export function runsByItem(runs: Iterable<PrelabelRun>): Map<string, PrelabelRun[]> {
  const out = new Map<string, PrelabelRun[]>();
  for (const run of runs) {
    const list = out.get(run.itemId);
    if (list) list.push(run);
    else out.set(run.itemId, [run]);
  }
  return out;
}

/** Boxes a person drew from scratch (not from a prediction). */
export function isHumanDrawn(shape: Shape): boolean {
  return shape.source.kind === 'human' && shape.prelabel === undefined;
}
