import { clampBox } from '../geometry/box';
import { defaultAttributes, type LabelSchema } from '../model/labelSchema';
import type { Shape } from '../model/shape';
import { newId } from '../util/ids';
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
  /** The item's shapes now: pending pre-labels among them are replaced by this run. */
  existing: readonly Shape[];
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
 * applies it: every prediction whose class the project has becomes a pending
 * pre-label shape, and the item's still-pending pre-labels of earlier runs go
 * (accepted and corrected ones are the annotator's and stay).
 */
export function buildPrelabel(input: PrelabelInput): PrelabelPlan {
  const { runId, modelId, thresholds, item, outcome, now } = input;
  const base = { runId, projectId: item.projectId, itemId: item.id, modelId, thresholds, createdAt: now };
  if (!outcome.ok) return { run: { ...base, predictions: [], uncertainty: 0, error: outcome.error }, change: { put: [], remove: [] } };

  const classOf = classIdByModelName(input.schema);
  const predictions: RunPrediction[] = outcome.predictions.map((p) => ({
    predictionId: newId('prd_'),
    classId: classOf(p.className),
    className: p.className,
    box: clampBox(p.box, item.width, item.height),
    score: p.score,
    attributes: { ...(p.attributes ?? {}) },
  }));
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
  const remove = input.existing.filter((s) => s.prelabel?.review === 'pending').map((s) => s.id);
  return { run: { ...base, predictions, uncertainty: itemUncertainty(predictions, thresholds.confidence) }, change: { put, remove } };
}
