import type { Shape } from '../../../core/model/shape';
import type { PrelabelRun, RunPrediction } from '../../../core/prelabel/types';
import type { LabelStore } from '../../../renderer/store/labelStore';
import { writeItemShapes } from '../../../renderer/store/shapeRows';
import { syntheticShapes } from './syntheticShapes';
import { stamp } from '../../../core/model/recordTypes';
import { counterRecordTypes } from '../../../core/prelabel/counterRecords';
import { EMPTY_ITEM_SUMMARY, summarizeItem } from '../../../core/prelabel/itemTally';
import { addRunToSources, emptyTotals, moveItem, scopesOf } from '../../../core/prelabel/projectTally';

/** Every `PENDING_EVERY`-th box is a dashed pending pre-label (10 %), the rest drawn by hand. */
export const PENDING_EVERY = 10;

/**
 * An item's boxes with 10 % pending pre-labels of one model run, and that run's
 * record. Written as bucket rows directly (thousands of shapes per row), the
 * way a model pass or an import lands, so a 1M-shape project builds in seconds.
 */
export function prelabeledItem(projectId: string, itemId: string, count: number, classIds: readonly string[]): { shapes: Shape[]; run: PrelabelRun } {
  const runId = `run-${itemId}`;
  const predictions: RunPrediction[] = [];
  const shapes = syntheticShapes(projectId, itemId, count, classIds).map((s, i) => {
    if (i % PENDING_EVERY !== 0) return s;
    const predictionId = `p${i}`;
    predictions.push({ predictionId, classId: s.classId, className: s.classId, box: s.box, score: 0.6, attributes: {} });
    return {
      ...s,
      source: { kind: 'model' as const, modelId: 'bench-model', score: 0.6 },
      prelabel: { runId, predictionId, modelId: 'bench-model', score: 0.6, predictedBox: s.box, predictedClassId: s.classId, review: 'pending' as const },
    };
  });
  const run: PrelabelRun = { runId, projectId, itemId, modelId: 'bench-model', thresholds: { confidence: 0.25, iou: 0.45 }, predictions, uncertainty: 0.5, replaced: [], modelClasses: [...classIds], createdAt: 1 };
  return { shapes, run };
}

/**
 * Writes each item's rows, run record and counts, item by item (memory stays
 * one item's worth), counting the project as it goes — the totals a recount
 * would give, without reading a million shapes back. `perItem` is the box
 * count of each item, in order.
 */
export async function writePrelabeledItems(store: LabelStore, projectId: string, itemIds: readonly string[], perItem: readonly number[], classIds: readonly string[]): Promise<void> {
  const { db } = store;
  const schema = (await store.getProject(projectId))!.labelSchema;
  const totals = emptyTotals();
  for (const [i, itemId] of itemIds.entries()) {
    const { shapes, run } = prelabeledItem(projectId, itemId, perItem[i]!, classIds);
    addRunToSources(totals, run);
    totals.scopes = scopesOf(schema, totals.scopeSources);
    const summary = summarizeItem([run], shapes);
    moveItem(totals, EMPTY_ITEM_SUMMARY, summary);
    await db.transaction('rw', db.shapeBuckets, db.items, db.prelabelRuns, db.prelabelItemCounts, async () => {
      await writeItemShapes(db, itemId, projectId, shapes, 0);
      await db.items.update(itemId, { shapeCount: shapes.length });
      await db.prelabelRuns.put(run);
      await db.prelabelItemCounts.put(stamp(counterRecordTypes.prelabelItemCounts, { itemId, projectId, ...summary }));
    });
  }
  await db.prelabelTotals.put(stamp(counterRecordTypes.prelabelTotals, { projectId, ...totals }));
}
