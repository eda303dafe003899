import type { LabelSchema } from '../model/labelSchema';
import type { Shape } from '../model/shape';
import { buildPrelabel, type PrelabelInput } from './buildPrelabel';
import type { ModelPrediction, PrelabelRun } from './types';

/** Shared fixtures of the core/prelabel tests. */
export const ocrSchema: LabelSchema = {
  classes: [
    { id: 'cls_text', name: 'text', color: '#ff0000', attributes: [ { id: 'att_t', name: 'text', type: 'text', default: '' }, { id: 'att_q', name: 'quad', type: 'text', default: '' } ] },
    { id: 'cls_logo', name: 'logo', color: '#00ff00', attributes: [] },
  ],
};

export const item = { id: 'itm_1', projectId: 'prj_1', width: 640, height: 480 };

export function prediction(className: string, x: number, score = 0.9, extra: Partial<ModelPrediction> = {}): ModelPrediction {
  return { className, box: { x, y: 10, w: 50, h: 20 }, score, ...extra };
}

export function run(
  predictions: ModelPrediction[],
  options: { runId?: string; existing?: Shape[]; now?: number; itemId?: string; modelId?: string; autoAccept?: PrelabelInput['autoAccept'] } = {},
) {
  return buildPrelabel({
    runId: options.runId ?? 'run_1',
    modelId: options.modelId ?? 'ppocr',
    thresholds: { confidence: 0.5, iou: 0.45 },
    item: { ...item, id: options.itemId ?? item.id },
    schema: ocrSchema,
    outcome: { ok: true, predictions },
    existing: options.existing ?? [],
    author: 'tester',
    now: options.now ?? 100,
    ...(options.autoAccept ? { autoAccept: options.autoAccept } : {}),
  });
}

/** A person's box with no prediction behind it. */
export function humanShape(id: string, itemId = item.id): Shape {
  return { id, projectId: item.projectId, itemId, kind: 'box', classId: 'cls_logo', box: { x: 300, y: 300, w: 30, h: 30 }, attributes: {}, source: { kind: 'human' }, author: 'me', createdAt: 1, updatedAt: 1, version: 1 };
}

export function review(shape: Shape, verdict: 'accepted' | 'corrected', patch: Partial<Shape> = {}): Shape {
  return { ...shape, ...patch, version: shape.version + 1, prelabel: { ...shape.prelabel!, review: verdict } };
}

export type { PrelabelRun };
