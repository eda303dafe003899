import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import type { Shape } from '../../core/model/shape';
import { recountTotals } from '../../core/prelabel/projectTally';
import { computePrelabelStats } from '../../core/prelabel/statistics';
import { GroundworkDb, schemaVersions } from './db';
import { openLabelStore, type LabelStore } from './labelStore';
import { readItemCountsRow, readTotalsRow } from './prelabelCounterRows';
import type { PrelabelResult } from './prelabelRecords';
import { readProjectShapes, bucketRecord } from './shapeRows';
import { boxShape, freshDbName, intakeRows, twoClassSchema } from './testing/fixtures';
import { testStores } from './testing/testStores';
import { deleteProjectAndLabels } from './projectLifecycle';
import { itemRecordOf } from './intakeItem';
import { stamp, recordTypes } from '../../core/model/recordTypes';

const { openStore, projectWithItems } = testStores();

function result(itemId: string, runId: string, modelId: string, classes: string[], modelClasses?: string[]): PrelabelResult {
  return {
    runId,
    modelId,
    thresholds: { confidence: 0.25, iou: 0.45 },
    itemId,
    outcome: { ok: true, predictions: classes.map((className, i) => ({ className, box: { x: 10 + i * 70, y: 10 + i * 3, w: 50, h: 40 }, score: 0.5 })) },
    author: 'local',
    ...(modelClasses ? { modelClasses } : {}),
  };
}

/** The stored counters equal a recount of the stored rows, and stats() equals the old full recount. */
async function expectCountersMatchRows(store: LabelStore, projectId: string): Promise<void> {
  for (const doc of await store.openDocuments(projectId)) await doc.whenDurable();
  const { db } = store;
  const project = (await store.getProject(projectId))!;
  const input = { schema: project.labelSchema, runs: await store.prelabel.listRuns(projectId), items: await store.listItems(projectId), shapesByItem: await readProjectShapes(db, projectId) };
  const recount = recountTotals(input);
  expect(readTotalsRow(await db.prelabelTotals.get(projectId))).toEqual(recount.totals);
  for (const [itemId, summary] of recount.summaries) expect(readItemCountsRow(await db.prelabelItemCounts.get(itemId)), itemId).toEqual(summary);
  expect(await store.prelabel.stats(projectId)).toEqual(computePrelabelStats(input));
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('pre-label counters in the store', () => {
  it('equal the recount after random reviews, undo/redo, imports, class remaps, re-runs and a reopen', async () => {
    const { name, store, project, items } = await projectWithItems(3);
    const rand = seeded(7);
    await store.prelabel.ingest(result(items[0]!.id, 'r1', 'yolo', ['cat', 'dog', 'cat', 'zebra'], ['cat', 'dog']));
    await store.prelabel.ingest(result(items[1]!.id, 'r2', 'det', ['dog', 'dog']));
    await expectCountersMatchRows(store, project.id);
    const docs = await Promise.all(items.map((i) => store.openItem(i.id)));
    for (let step = 0; step < 80; step++) {
      const doc = docs[Math.floor(rand() * docs.length)]!;
      const shapes = doc.getShapes();
      const pick = shapes[Math.floor(rand() * shapes.length)];
      const r = rand();
      if (r < 0.1 && doc.canUndo()) doc.undo();
      else if (r < 0.18 && doc.canRedo()) doc.redo();
      else if (!pick || r < 0.3) doc.commit({ put: [boxShape(project.id, doc.item.id, `h${step}`, step, rand() < 0.5 ? 'cat' : 'dog')], remove: [] }, { history: true, label: 'Draw' });
      else if (r < 0.45) doc.commit({ put: [], remove: [pick.id] }, { history: true, label: 'Delete' });
      else if (pick.prelabel) {
        const review = rand() < 0.5 ? 'accepted' : 'corrected';
        doc.commit({ put: [{ ...pick, version: pick.version + 1, prelabel: { ...pick.prelabel, review } }], remove: [] }, { history: true, label: 'Review' });
      } else doc.commit({ put: [{ ...pick, classId: pick.classId === 'cat' ? 'dog' : 'cat', version: pick.version + 1 }], remove: [] }, { history: true, label: 'Class' });
      if (step % 20 === 19) await expectCountersMatchRows(store, project.id);
    }
    // A re-run on an open item, one on a closed item, an import and a class remap — each keeps the counters exact.
    await store.prelabel.ingest(result(items[0]!.id, 'r3', 'yolo', ['dog', 'cat']));
    await store.prelabel.ingest(result(items[2]!.id, 'r4', 'det', ['cat'], ['cat', 'dog']));
    await store.importShapes(project.id, [boxShape(project.id, items[1]!.id, 'imp1', 5, 'dog'), boxShape(project.id, items[2]!.id, 'imp2', 6, 'cat')]);
    await expectCountersMatchRows(store, project.id);
    await store.updateLabelSchema(project.id, { classes: [twoClassSchema.classes[0]!] }, { removedClasses: { dog: { remapTo: 'cat' } } });
    await expectCountersMatchRows(store, project.id);
    await store.close();

    const reopened = await openStore(name);
    await expectCountersMatchRows(reopened, project.id);
    const doc = await reopened.openItem(items[0]!.id);
    const pending = doc.getShapes().find((s) => s.prelabel?.review === 'pending');
    if (pending) doc.commit({ put: [], remove: [pending.id] }, { history: true, label: 'Reject' });
    await expectCountersMatchRows(reopened, project.id);
    await deleteProjectAndLabels(reopened, project.id);
    expect(await reopened.db.prelabelTotals.count()).toBe(0);
    expect(await reopened.db.prelabelItemCounts.count()).toBe(0);
  });

  it('a write that fails keeps shapes and counters together: a reload meanwhile sees neither, the retry writes both', async () => {
    const { name, project, items } = await projectWithItems(1);
    const store = await openLabelStore({ name, retryDelays: [20] });
    try {
      await store.prelabel.ingest(result(items[0]!.id, 'r1', 'yolo', ['cat', 'dog']));
      const doc = await store.openItem(items[0]!.id);
      // The counters' write fails (a full disk, a crash) until released: its whole transaction, shape rows included, does not happen.
      let blocked = true;
      const put = store.db.prelabelTotals.put.bind(store.db.prelabelTotals);
      vi.spyOn(store.db.prelabelTotals, 'put').mockImplementation((...args) => (blocked ? Dexie.Promise.reject(new Error('disk full')) : put(...args)));
      const failed = new Promise((resolve) => doc.onWriteError(resolve));
      const [a] = doc.getShapes();
      doc.commit({ put: [{ ...a!, version: 2, prelabel: { ...a!.prelabel!, review: 'accepted' } }], remove: [] }, { history: true, label: 'Accept' });
      await failed;
      // "After a crash": another connection sees the state before the edit, shapes and counters alike.
      const other = await openStore(name);
      expect((await other.loadShapes(items[0]!.id)).map((s) => s.prelabel!.review)).toEqual(['pending', 'pending']);
      expect((await other.prelabel.stats(project.id)).project).toMatchObject({ pending: 2, accepted: 0 });
      await expectCountersMatchRows(other, project.id);
      blocked = false;
      await doc.whenDurable();
      await expectCountersMatchRows(other, project.id);
      expect((await other.prelabel.stats(project.id)).project).toMatchObject({ pending: 1, accepted: 1 });
    } finally {
      await store.close();
    }
  });

  it('a project without counters is recounted when read (the repair), and open documents count on from there', async () => {
    const { store, project, items } = await projectWithItems(1);
    await store.prelabel.ingest(result(items[0]!.id, 'r1', 'yolo', ['cat', 'dog']));
    const doc = await store.openItem(items[0]!.id);
    await store.db.prelabelTotals.delete(project.id);
    const [a] = doc.getShapes();
    doc.commit({ put: [], remove: [a!.id] }, { history: true, label: 'Reject' });
    await doc.whenDurable();
    expect((await store.prelabel.stats(project.id)).project).toMatchObject({ pending: 1, rejected: 1 });
    doc.undo();
    await expectCountersMatchRows(store, project.id);
    expect((await store.prelabel.stats(project.id)).project).toMatchObject({ pending: 2, rejected: 0 });
  });

  it('an old database (v6) gets its counters by one recount when opened', async () => {
    const name = freshDbName();
    const v6 = new GroundworkDb(name, schemaVersions.filter((v) => v.version <= 6));
    await v6.open();
    const projectId = 'prj_old';
    await v6.projects.put(stamp(recordTypes.project, { id: projectId, name: 'Old', rootId: 'r', rootPath: '/r', labelSchema: twoClassSchema, createdAt: 1, updatedAt: 1 }));
    const [row] = intakeRows(1);
    await v6.items.put({ ...itemRecordOf(row!, { id: 'itm_old', projectId, order: 0 }), shapeCount: 2 });
    const predicted: Shape = {
      ...boxShape(projectId, 'itm_old', 's1', 10),
      source: { kind: 'model', modelId: 'yolo', score: 0.8 },
      prelabel: { runId: 'r1', predictionId: 'p1', modelId: 'yolo', score: 0.8, predictedBox: { x: 10, y: 10, w: 50, h: 40 }, predictedClassId: 'cat', review: 'accepted' },
    };
    await v6.shapeBuckets.put(bucketRecord('itm_old', projectId, 0, [predicted, boxShape(projectId, 'itm_old', 'h1', 99, 'cat')]));
    const prediction = (id: string) => ({ predictionId: id, classId: 'cat', className: 'cat', box: { x: 10, y: 10, w: 50, h: 40 }, score: 0.8, attributes: {} });
    await v6.prelabelRuns.put({ runId: 'r1', projectId, itemId: 'itm_old', modelId: 'yolo', thresholds: { confidence: 0.25, iou: 0.45 }, predictions: [prediction('p1'), prediction('p2')], uncertainty: 0, replaced: [], createdAt: 1 });
    v6.close();

    const store = await openStore(name);
    expect(store.db.verno).toBe(schemaVersions.at(-1)!.version);
    expect(await store.db.prelabelTotals.count()).toBe(1);
    await expectCountersMatchRows(store, projectId);
    expect((await store.prelabel.stats(projectId)).project).toMatchObject({ accepted: 1, rejected: 1, missed: 1, items: 1 });
  });
});
