import type { ItemStatus } from '../model/item';
import type { Shape } from '../model/shape';
import type { PredictionFate, PrelabelRun, RunPrediction } from './types';

/**
 * Where each prediction of an item's LATEST successful run stands. The rules
 * (statistics and the corrections export both use them):
 *
 * - `unmapped`: the project had no class of the prediction's name, so no shape
 *   was made; it counts nowhere.
 * - a shape refers to the prediction (shape.prelabel.runId/predictionId):
 *   its review state — `pending` (not looked at yet), `accepted` (taken as
 *   predicted), `corrected` (moved, resized, reclassed or re-attributed first).
 * - no shape refers to it: it was deleted (Delete on a pre-label, or the
 *   pre-label step was undone). It is `rejected` once the item is REVIEWED,
 *   else `unreviewed`. An item is reviewed when it is marked done or when none
 *   of the run's pre-labels is still pending — while some are, a deletion may
 *   still be undone and is not yet a verdict.
 */
export interface ReviewedPrediction {
  prediction: RunPrediction;
  fate: PredictionFate;
  /** The shape that holds the prediction now (absent when rejected, unreviewed or unmapped). */
  shape?: Shape;
}

export function reviewPredictions(run: PrelabelRun, shapes: readonly Shape[], status: ItemStatus): ReviewedPrediction[] {
  const byPrediction = new Map<string, Shape>();
  for (const s of shapes) if (s.prelabel?.runId === run.runId) byPrediction.set(s.prelabel.predictionId, s);
  let anyPending = false;
  for (const s of byPrediction.values()) if (s.prelabel?.review === 'pending') anyPending = true;
  const reviewed = status === 'done' || !anyPending;
  return run.predictions.map((prediction) => {
    if (prediction.classId === null) return { prediction, fate: 'unmapped' };
    const shape = byPrediction.get(prediction.predictionId);
    if (shape?.prelabel) return { prediction, fate: shape.prelabel.review, shape };
    return { prediction, fate: reviewed ? 'rejected' : 'unreviewed' };
  });
}

/** Each item's latest run that did not fail (a failed re-run leaves the earlier pre-labels in place). */
export function latestRuns(runs: Iterable<PrelabelRun>): Map<string, PrelabelRun> {
  const latest = new Map<string, PrelabelRun>();
  for (const run of runs) {
    if (run.error !== undefined) continue;
    const seen = latest.get(run.itemId);
    if (!seen || run.createdAt > seen.createdAt || (run.createdAt === seen.createdAt && run.runId > seen.runId)) latest.set(run.itemId, run);
  }
  return latest;
}

/** Boxes a person drew from scratch (not from a prediction): on an item with a run, objects the model missed. */
export function isHumanDrawn(shape: Shape): boolean {
  return shape.source.kind === 'human' && shape.prelabel === undefined;
}
