import { describe, expect, it } from 'vitest';
import { GroundworkDb, schemaVersions } from './db';
import { PRELABEL_STEP_LABEL, type PrelabelResult } from './prelabelRecords';
import { freshDbName } from './testing/fixtures';
import { testStores } from './testing/testStores';
import { deleteProjectAndLabels } from './projectLifecycle';
import { readHistoryRows } from './historyRows';

const { projectWithItems } = testStores();
const setup = () => projectWithItems(3);

function result(itemId: string, runId = 'job:1', classes = ['cat', 'dog', 'zebra']): PrelabelResult {
  return {
    runId,
    modelId: 'yolo',
    thresholds: { confidence: 0.25, iou: 0.45 },
    itemId,
    outcome: { ok: true, predictions: classes.map((className, i) => ({ className, box: { x: 10 + i * 100, y: 10, w: 50, h: 40 }, score: 0.5 + i * 0.1 })) },
    author: 'local',
  };
}

describe('PrelabelRecords', () => {
  it('ingests a result once per (run, item): shapes, one undo step, the run record', async () => {
    const { store, items } = await setup();
    const first = await store.prelabel.ingest(result(items[0]!.id));
    const again = await store.prelabel.ingest(result(items[0]!.id));
    expect(first.ingested).toBe(true);
    expect(again.ingested).toBe(false);
    const shapes = await store.loadShapes(items[0]!.id);
    expect(shapes.map((s) => s.prelabel?.review)).toEqual(['pending', 'pending']); // 'zebra' has no class
    expect(first.run.predictions.map((p) => p.classId === null)).toEqual([false, false, true]);
    const history = await store.db.history.where('itemId').equals(items[0]!.id).toArray();
    // History rows hold one DocumentDiff per step (read through the history migrator).
    expect(readHistoryRows(history).map((h) => [h.label, h.redo.shape?.put.length])).toEqual([[PRELABEL_STEP_LABEL, 2]]);
    expect(await store.db.prelabelRuns.count()).toBe(1);
    expect((await store.getItem(items[0]!.id))!.shapeCount).toBe(2);
    // Nothing stays open after a closed item was borrowed.
    expect(await store.openDocuments(items[0]!.projectId)).toEqual([]);
  });

  it('applies to an open document as one undo step the editor can take back; a re-run replaces pending pre-labels', async () => {
    const { store, items } = await setup();
    const doc = await store.openItem(items[1]!.id);
    await store.prelabel.ingest(result(items[1]!.id, 'run_a'));
    expect(doc.getShapes()).toHaveLength(2);
    const kept = { ...doc.getShapes()[0]!, prelabel: { ...doc.getShapes()[0]!.prelabel!, review: 'accepted' as const }, version: 2 };
    doc.commit({ put: [kept], remove: [] }, { history: true, label: 'Accept' });
    await store.prelabel.ingest(result(items[1]!.id, 'run_b', ['dog']));
    expect(doc.getShapes().map((s) => [s.prelabel!.runId, s.prelabel!.review])).toEqual([['run_a', 'accepted'], ['run_b', 'pending']]);
    doc.undo();
    expect(doc.getShapes().map((s) => s.prelabel!.runId)).toEqual(['run_a', 'run_a']);
    expect((await store.openDocuments(items[1]!.projectId)).includes(doc)).toBe(true);
  });

  it('records a failed item with its reason and no shapes; stats count reviews', async () => {
    const { store, project, items } = await setup();
    await store.prelabel.ingest({ ...result(items[2]!.id), outcome: { ok: false, error: 'truncated image' } });
    const newest = await store.prelabel.newestRunByItem(project.id);
    expect(newest.get(items[2]!.id)?.error).toBe('truncated image');
    expect(await store.loadShapes(items[2]!.id)).toEqual([]);

    await store.prelabel.ingest(result(items[0]!.id));
    const doc = await store.openItem(items[0]!.id);
    const [a, b] = [...doc.getShapes()].sort((x, y) => x.box.x - y.box.x); // cat, then dog
    doc.commit({ put: [{ ...a!, version: 2, prelabel: { ...a!.prelabel!, review: 'accepted' } }], remove: [b!.id] }, { history: true, label: 'review' });
    const stats = await store.prelabel.stats(project.id);
    expect(stats.project).toMatchObject({ accepted: 1, corrected: 0, rejected: 1, missed: 0, pending: 0, items: 1 });
    const lines = await store.prelabel.corrections(project.id);
    expect(lines.map((l) => l.predictions.map((p) => p.fate))).toEqual([['accepted', 'rejected', 'unmapped']]);
  });

  it('a re-run of the same model keeps the accepted boxes and their statistics and adds only new objects', async () => {
    const { store, project, items } = await setup();
    const itemId = items[0]!.id;
    await store.prelabel.ingest({ ...result(itemId, 'run_a', ['cat', 'dog']), modelClasses: ['cat', 'dog', 'zebra'] });
    const doc = await store.openItem(itemId);
    const [cat, dog] = [...doc.getShapes()].sort((x, y) => x.box.x - y.box.x);
    doc.commit({ put: [{ ...cat!, version: 2, prelabel: { ...cat!.prelabel!, review: 'accepted' } }], remove: [dog!.id] }, { history: true, label: 'review' });
    // The same two objects again, and one more cat far away.
    const rerun = result(itemId, 'run_b', ['cat', 'dog']);
    if (rerun.outcome.ok) rerun.outcome = { ok: true, predictions: [...rerun.outcome.predictions, { className: 'cat', box: { x: 400, y: 300, w: 60, h: 60 }, score: 0.7 }] };
    const { run } = await store.prelabel.ingest(rerun);
    // The accepted cat is not proposed again; the rejected dog is (the annotator's rejection of it stays counted).
    expect(doc.getShapes().map((s) => [s.prelabel!.runId, s.classId, s.prelabel!.review]).sort()).toEqual([
      ['run_a', cat!.classId, 'accepted'],
      ['run_b', cat!.classId, 'pending'],
      ['run_b', dog!.classId, 'pending'],
    ].sort());
    expect(run.predictions).toHaveLength(2);
    const stats = await store.prelabel.stats(project.id);
    expect(stats.project).toMatchObject({ accepted: 1, rejected: 1, pending: 2, items: 1, verificationRate: 0.5 });
    expect((await store.prelabel.listRuns(project.id)).find((r) => r.runId === 'run_a')?.modelClasses).toEqual(['cat', 'dog', 'zebra']);
  });

  it('keeps and lists the jobs this renderer started until they are finished; deleting the project removes runs and jobs', async () => {
    const { store, project, items } = await setup();
    await store.prelabel.saveJob({ jobId: 'j1', projectId: project.id, modelId: 'm', thresholds: { confidence: 0.3, iou: 0.5 }, total: 3, ingested: 0, startedAt: 1, finished: false });
    await store.prelabel.saveJob({ jobId: 'j2', projectId: project.id, modelId: 'm', thresholds: { confidence: 0.3, iou: 0.5 }, total: 3, ingested: 3, startedAt: 2, finished: true });
    await store.prelabel.updateJob('j1', { ingested: 2 });
    expect((await store.prelabel.unfinishedJobs(project.id)).map((j) => [j.jobId, j.ingested])).toEqual([['j1', 2]]);
    await store.prelabel.ingest(result(items[0]!.id));
    await deleteProjectAndLabels(store, project.id);
    expect(await store.db.prelabelRuns.count()).toBe(0);
    expect(await store.db.prelabelJobs.count()).toBe(0);
  });

  it('opens a v2 database at the current version with its rows intact and the new tables empty', async () => {
    const name = freshDbName();
    const v2 = new GroundworkDb(name, schemaVersions.filter((v) => v.version <= 2));
    await v2.open();
    await v2.settings.put({ key: 'ui', value: { a: 1 } });
    v2.close();
    const current = new GroundworkDb(name);
    await current.open();
    expect(current.verno).toBe(schemaVersions.at(-1)!.version);
    expect(await current.settings.get('ui')).toEqual({ key: 'ui', value: { a: 1 } });
    expect(await current.prelabelRuns.count()).toBe(0);
    current.close();
  });
});
