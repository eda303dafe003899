import type { AttributeValue, LabelSchema } from '../model/labelSchema';
import type { Item } from '../model/item';
import type { Box, Shape } from '../model/shape';
import { isHumanDrawn, latestRuns, reviewPredictions } from './reviewState';
import type { PredictionFate, PrelabelRun } from './types';

/**
 * The corrections export: one JSON line per item that has a run, pairing
 * each prediction of its latest run with the label it ended as, plus the
 * boxes people added — the data to fine-tune the model on what annotators
 * fixed. Classes and attributes are written by NAME so the file stands alone.
 */
export interface CorrectionLabel {
  className: string;
  box: Box;
  attributes: Record<string, AttributeValue>;
}

export interface CorrectionLine {
  item: string;
  itemId: string;
  width: number;
  height: number;
  status: Item['status'];
  modelId: string;
  runId: string;
  thresholds: PrelabelRun['thresholds'];
  predictions: {
    predictionId: string;
    className: string;
    box: Box;
    score: number;
    attributes: Record<string, AttributeValue>;
    fate: PredictionFate;
    /** The label it became (matched by predictionId); null when rejected, unreviewed or unmapped. */
    final: CorrectionLabel | null;
  }[];
  humanAdded: CorrectionLabel[];
}

export interface CorrectionsInput {
  schema: LabelSchema;
  items: readonly Item[];
  runs: Iterable<PrelabelRun>;
  shapesByItem: ReadonlyMap<string, readonly Shape[]>;
}

function labelOf(schema: LabelSchema, shape: Shape): CorrectionLabel {
  const cls = schema.classes.find((c) => c.id === shape.classId);
  const attributes: Record<string, AttributeValue> = {};
  for (const [id, value] of Object.entries(shape.attributes)) attributes[cls?.attributes.find((a) => a.id === id)?.name ?? id] = value;
  return { className: cls?.name ?? shape.classId, box: shape.box, attributes };
}

export function correctionLines(input: CorrectionsInput): CorrectionLine[] {
  const latest = latestRuns(input.runs);
  const lines: CorrectionLine[] = [];
  for (const item of [...input.items].sort((a, b) => a.order - b.order)) {
    const run = latest.get(item.id);
    if (!run) continue;
    const shapes = input.shapesByItem.get(item.id) ?? [];
    lines.push({
      item: item.relPath,
      itemId: item.id,
      width: item.width,
      height: item.height,
      status: item.status,
      modelId: run.modelId,
      runId: run.runId,
      thresholds: run.thresholds,
      predictions: reviewPredictions(run, shapes, item.status).map(({ prediction: p, fate, shape }) => ({
        predictionId: p.predictionId,
        className: p.className,
        box: p.box,
        score: p.score,
        attributes: p.attributes,
        fate,
        final: shape ? labelOf(input.schema, shape) : null,
      })),
      humanAdded: shapes.filter(isHumanDrawn).map((s) => labelOf(input.schema, s)),
    });
  }
  return lines;
}

/** JSON Lines: one object per line, newline-terminated. */
export function toJsonl(lines: readonly CorrectionLine[]): string {
  return lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length ? '\n' : '');
}
