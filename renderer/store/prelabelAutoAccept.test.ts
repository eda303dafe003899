import { describe, expect, it } from 'vitest';
import { modelClassKey } from '../../core/prelabel/autoAccept/thresholds';
import type { ModelPrediction } from '../../core/prelabel/types';
import { PrelabelRecords, type PrelabelResult } from './prelabelRecords';
import { testStores } from './testing/testStores';

const { projectWithItems } = testStores();

const box = (i: number) => ({ x: 10 + i * 60, y: 10, w: 50, h: 40 });
function result(itemId: string, runId: string, predictions: [className: string, score: number][]): PrelabelResult {
  const made: ModelPrediction[] = predictions.map(([className, score], i) => ({ className, box: box(i), score }));
  return { runId, modelId: 'yolo', thresholds: { confidence: 0.25, iou: 0.45 }, itemId, outcome: { ok: true, predictions: made }, author: 'local' };
}

/** A fixed sequence of draws for the audit lottery. */
const draws = (...values: number[]) => () => {
  const v = values.shift();
  if (v === undefined) throw new Error('more draws than expected');
  return v;
};

const policy = { enabled: true, targetPrecision: 0.8, confidence: 0.5, auditRate: 0.25, minReviewed: 5 };

async function withHistory() {
  const { store, project, items } = await projectWithItems(4);
  // History: six cats a person accepted (scores 0.6 … 0.95), two dogs (too few for a threshold).
  await store.prelabel.ingest(result(items[0]!.id, 'run_a', [0.6, 0.65, 0.7, 0.8, 0.9, 0.95].map((s) => ['cat', s] as [string, number])));
  await store.prelabel.ingest(result(items[1]!.id, 'run_a', [['dog', 0.9], ['dog', 0.95]]));
  for (const item of items.slice(0, 2)) {
    const doc = await store.openItem(item.id);
    doc.commit({ put: doc.getShapes().map((s) => ({ ...s, version: s.version + 1, prelabel: { ...s.prelabel!, review: 'accepted' as const } })), remove: [] }, { history: true, label: 'accept all' });
  }
  await store.setSetting(`prelabel:${project.id}`, { modelId: 'yolo', confidence: 0.25, autoAccept: policy });
  return { store, project, items };
}

describe('PrelabelRecords auto-accept', () => {
  it('lists the policy and the thresholds the review history supports', async () => {
    const { store, project } = await withHistory();
    const { policy: read, choices } = await store.prelabel.autoAcceptThresholds(project.id);
    expect(read).toEqual(policy);
    // Six of six right: Clopper–Pearson at 50 % is 0.5^(1/6) = 0.89 ≥ 0.8 down to the lowest score.
    expect(choices.get(modelClassKey('yolo', 'cat'))).toMatchObject({ threshold: 0.6, reviewed: 6 });
    expect(choices.get(modelClassKey('yolo', 'cat'))!.lowerBound).toBeCloseTo(0.5 ** (1 / 6), 12);
    expect(choices.get(modelClassKey('yolo', 'dog'))).toEqual({ threshold: null, lowerBound: null, reviewed: 2 });
  });

  it('ingests with the run’s thresholds, chosen once per run: auto-accepted, audit and pending pre-labels; stats count them', async () => {
    const { store, project, items } = await withHistory();
    const records = new PrelabelRecords(store, () => 1000, draws(0.9, 0.1));
    await records.ingest(result(items[2]!.id, 'run_b', [['cat', 0.7], ['cat', 0.5], ['dog', 0.99]]));
    // The history turns against cats mid-run (a person deletes the accepted ones): this run keeps its thresholds.
    const doc = await store.openItem(items[0]!.id);
    doc.commit({ put: [], remove: doc.getShapes().map((s) => s.id) }, { history: true, label: 'delete' });
    const { run } = await records.ingest(result(items[3]!.id, 'run_b', [['cat', 0.9]]));

    const decisions = async (itemId: string) => (await store.loadShapes(itemId)).map((s) => [s.prelabel!.score, s.prelabel!.review, s.prelabel!.decision ?? null]).sort();
    expect(await decisions(items[2]!.id)).toEqual([[0.5, 'pending', null], [0.7, 'accepted', 'auto'], [0.99, 'pending', null]].sort());
    expect(await decisions(items[3]!.id)).toEqual([[0.9, 'pending', 'audit']]);
    expect(run.predictions[0]).toMatchObject({ decision: 'audit', auditRate: 0.25 });

    // A new run chooses again from the history as it is now: no cat threshold any more.
    expect((await store.prelabel.autoAcceptThresholds(project.id)).choices.get(modelClassKey('yolo', 'cat'))!.threshold).toBeNull();
    await records.ingest(result(items[0]!.id, 'run_c', [['cat', 0.99]]));
    expect((await store.loadShapes(items[0]!.id)).map((s) => [s.prelabel!.review, s.prelabel!.decision ?? null])).toEqual([['pending', null]]);

    const stats = await store.prelabel.stats(project.id);
    // Counted: 6 rejected cats + 2 accepted dogs (history), auto 1, pending 4 (0.5 cat, 0.99 dog, audit, run_c cat).
    expect(stats.project).toMatchObject({ accepted: 2, rejected: 6, autoAccepted: 1, pending: 4 });
    expect(stats.project.needsHumanShare).toBeCloseTo(12 / 13, 12);
    expect(stats.project.audited.reviewed).toBe(0);
  });

  it('with the policy off (or no setting) every pre-label is pending and no draw is made', async () => {
    const { store, project, items } = await withHistory();
    await store.setSetting(`prelabel:${project.id}`, { autoAccept: { ...policy, enabled: false } });
    const records = new PrelabelRecords(store, () => 1000, draws());
    await records.ingest(result(items[2]!.id, 'run_b', [['cat', 0.99]]));
    expect((await store.loadShapes(items[2]!.id)).map((s) => s.prelabel!.decision)).toEqual([undefined]);
  });
});
