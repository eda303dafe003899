import { clampBox } from '../geometry/box';
import { defaultAttributes, type LabelSchema } from '../model/labelSchema';
import type { Shape } from '../model/shape';
import { newId } from '../util/ids';
import { repeatsExistingBox } from './alreadyLabeled';
import { decideAutoAccept } from './autoAccept/decide';
import { modelClassKey, type ThresholdChoice } from './autoAccept/thresholds';
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
  /**
   * The auto-accept policy at work (core/prelabel/autoAccept): a mapped
   * prediction scoring at least its model × class threshold is accepted
   * without a human (`decision: 'auto'`), or — with chance `auditRate` —
   * sent to review as an audit sample (`decision: 'audit'`). Absent: every
   * pre-label is pending.
   */
  autoAccept?: { thresholds: ReadonlyMap<string, ThresholdChoice>; auditRate: number; random: () => number };
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
 * it is not proposed again and is left out of the record. With
 * `autoAccept`, predictions at or above their threshold are accepted at once
 * or drawn for audit (the decision is on the shape and the run record), and
 * the item's uncertainty counts only the predictions a human must look at.
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
    const decided = decide(input.autoAccept, modelId, cls.id, p.score);
    if (decided) Object.assign(p, decided);
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
      prelabel: {
        runId,
        predictionId: p.predictionId,
        modelId,
        score: p.score,
        predictedBox: p.box,
        predictedClassId: cls.id,
        review: p.decision === 'auto' ? 'accepted' : 'pending',
        ...(decided ?? {}),
      },
    });
  }
  // Auto-accepted predictions need no human: they do not move the item up the "most uncertain first" queue.
  const needHuman = predictions.filter((p) => p.decision !== 'auto');
  const uncertainty = itemUncertainty(needHuman, thresholds.confidence);
  const run: PrelabelRun = { ...base, predictions, uncertainty, replaced: replaced.map((s) => s.prelabel!.predictionId) };
  return { run, change: { put, remove: replaced.map((s) => s.id) } };
}

function decide(policy: PrelabelInput['autoAccept'], modelId: string, classId: string, score: number): Pick<RunPrediction, 'decision' | 'auditRate'> | null {
  if (!policy) return null;
  const threshold = policy.thresholds.get(modelClassKey(modelId, classId))?.threshold ?? null;
  const decision = decideAutoAccept(score, threshold, policy.auditRate, policy.random);
  if (decision === null) return null;
  return decision === 'audit' ? { decision, auditRate: policy.auditRate } : { decision };
}
