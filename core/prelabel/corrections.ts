import type { AttributeValue, LabelSchema } from '../model/labelSchema';
import type { Item } from '../model/item';
import type { Box, Shape } from '../model/shape';
import { countedRuns, decisionOf, isHumanDrawn, reviewItemPredictions, runsByItem, type ReviewedPrediction } from './reviewState';
import type { PredictionFate, PrelabelRun } from './types';

/**
 * The corrections export: one JSON line per item that has a successful run,
 * pairing each counted prediction (of every run that counts, with the same
 * fates as the statistics: reviewState.ts) with the label it ended as, plus
 * the boxes people added — the data to fine-tune the models on what
 * annotators fixed. Unmapped predictions are listed too (fate `unmapped`).
 * Classes and attributes are written by NAME so the file stands alone.
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
  /** The runs whose predictions are listed, oldest first. */
  runs: { runId: string; modelId: string; thresholds: PrelabelRun['thresholds']; createdAt: number }[];
  predictions: {
    runId: string;
    modelId: string;
    predictionId: string;
    className: string;
    box: Box;
    score: number;
    attributes: Record<string, AttributeValue>;
    fate: PredictionFate;
    /** Set when the auto-accept policy decided: `auto` (accepted without a human) or `audit` (drawn for review at random). */
    decision?: 'auto' | 'audit';
    /** The label it became (matched by predictionId); null when rejected or unmapped. */
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

function exportedPrediction(schema: LabelSchema, reviewed: ReviewedPrediction): CorrectionLine['predictions'][number] {
  const { run, prediction: p, fate, shape } = reviewed;
  const { decision } = decisionOf(reviewed);
  return {
    runId: run.runId,
    modelId: run.modelId,
    predictionId: p.predictionId,
    className: p.className,
    box: p.box,
    score: p.score,
    attributes: p.attributes,
    fate,
    ...(decision ? { decision } : {}),
    final: shape ? labelOf(schema, shape) : null,
  };
}

export function correctionLines(input: CorrectionsInput): CorrectionLine[] {
  const itemRuns = runsByItem(input.runs);
  const lines: CorrectionLine[] = [];
  for (const item of [...input.items].sort((a, b) => a.order - b.order)) {
    const runs = countedRuns(itemRuns.get(item.id) ?? []);
    if (runs.length === 0) continue;
    const shapes = input.shapesByItem.get(item.id) ?? [];
    lines.push({
      item: item.relPath,
      itemId: item.id,
      width: item.width,
      height: item.height,
      status: item.status,
      runs: runs.map((r) => ({ runId: r.runId, modelId: r.modelId, thresholds: r.thresholds, createdAt: r.createdAt })),
      predictions: reviewItemPredictions(runs, shapes).map((reviewed) => exportedPrediction(input.schema, reviewed)),
      humanAdded: shapes.filter(isHumanDrawn).map((s) => labelOf(input.schema, s)),
    });
  }
  return lines;
}

/** JSON Lines: one object per line, newline-terminated. */
export function toJsonl(lines: readonly CorrectionLine[]): string {
  return lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length ? '\n' : '');
}
