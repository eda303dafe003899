import { clampBox } from '../geometry/box';
import { defaultAttributes, type LabelSchema } from '../model/labelSchema';
import type { Shape } from '../model/shape';
import { newId } from '../util/ids';
import { repeatsExistingBox } from './alreadyLabeled';
import { classIdByModelName, shapeAttributesFor } from './classMapping';
import type { ModelPrediction, PrelabelRun, RunPrediction, Thresholds } from './types';
import { itemUncertainty } from './uncertainty';

export interface PrelabelInput {
  runId: string;
  modelId: string;
  thresholds: Thresholds;
  item: { id: string; projectId: string; width: number; height: number };
  schema: LabelSchema;
  /** Successful result: the model's predictions; failed: the reason. */
  outcome: { ok: true; predictions: readonly ModelPrediction[] } | { ok: false; error: string };
  /** The item's shapes now: this model's pending pre-labels among them are replaced by this run. */
  existing: readonly Shape[];
  /** The model's class names, when known: kept on the record so "missed" counts only classes it maps to. */
  modelClasses?: readonly string[];
  author: string;
  now: number;
}

export interface PrelabelPlan {
  run: PrelabelRun;
  /** The shape change to commit as ONE undo step; empty for a failed item (its earlier pre-labels stay). */
  change: { put: Shape[]; remove: string[] };
}

/**
 * Turns one item's model output into a run record and the shape change that
 * applies it. A re-run keeps work: only THIS model's still-pending pre-labels
 * go (listed in the record's `replaced`); the annotator's accepted, corrected
 * and hand-drawn boxes and other models' pre-labels stay. Every prediction
 * whose class the project has becomes a pending pre-label shape, unless it
 * repeats a box that stays (same class, IoU ≥ the run's NMS threshold): then
 * it is not proposed again and is left out of the record.
 */
export function buildPrelabel(input: PrelabelInput): PrelabelPlan {
  const { runId, modelId, thresholds, item, outcome, now } = input;
  const modelClasses = input.modelClasses ? { modelClasses: [...input.modelClasses] } : {};
  const base = { runId, projectId: item.projectId, itemId: item.id, modelId, thresholds, ...modelClasses, createdAt: now };
  if (!outcome.ok) return { run: { ...base, predictions: [], uncertainty: 0, error: outcome.error, replaced: [] }, change: { put: [], remove: [] } };

  const replaced = input.existing.filter((s) => s.prelabel?.review === 'pending' && s.prelabel.modelId === modelId);
  const staying = input.existing.filter((s) => !replaced.includes(s));
  const classOf = classIdByModelName(input.schema);
  const predictions: RunPrediction[] = outcome.predictions
    .map((p) => ({
      predictionId: newId('prd_'),
      classId: classOf(p.className),
      className: p.className,
      box: clampBox(p.box, item.width, item.height),
      score: p.score,
      attributes: { ...(p.attributes ?? {}) },
    }))
    .filter((p) => p.classId === null || !repeatsExistingBox({ classId: p.classId, box: p.box }, staying, thresholds.iou));
  const put: Shape[] = [];
  for (const p of predictions) {
    const cls = p.classId === null ? undefined : input.schema.classes.find((c) => c.id === p.classId);
    if (!cls) continue;
    put.push({
      id: newId('shp_'),
      projectId: item.projectId,
      itemId: item.id,
      kind: 'box',
      classId: cls.id,
      box: p.box,
      attributes: shapeAttributesFor(cls, p.attributes, defaultAttributes(cls)),
      source: { kind: 'model', modelId, score: p.score },
      author: input.author,
      createdAt: now,
      updatedAt: now,
      version: 1,
      prelabel: { runId, predictionId: p.predictionId, modelId, score: p.score, predictedBox: p.box, predictedClassId: cls.id, review: 'pending' },
    });
  }
  const run: PrelabelRun = { ...base, predictions, uncertainty: itemUncertainty(predictions, thresholds.confidence), replaced: replaced.map((s) => s.prelabel!.predictionId) };
  return { run, change: { put, remove: replaced.map((s) => s.id) } };
}
