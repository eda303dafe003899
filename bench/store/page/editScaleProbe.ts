import type { LabelSchema } from '../../../core/model/labelSchema';
import type { Shape } from '../../../core/model/shape';
import { computePrelabelStats } from '../../../core/prelabel/statistics';
import { openLabelStore, type LabelStore } from '../../../renderer/store/labelStore';
import { bucketOf, readProjectShapes, writeItemShapes } from '../../../renderer/store/shapeRows';
import { summarize } from '../stats';
import { writePrelabeledItems } from './prelabelFixture';

const SCHEMA: LabelSchema = {
  classes: [
    { id: 'car', name: 'car', color: '#e6194b', attributes: [] },
    { id: 'person', name: 'person', color: '#3cb44b', attributes: [] },
    { id: 'bike', name: 'bike', color: '#4363d8', attributes: [] },
  ],
};
const CLASS_IDS = SCHEMA.classes.map((c) => c.id);

type Summary = ReturnType<typeof summarize>;

export interface EditScaleResult {
  boxes: number;
  /** Every edit: one box moved (every 4th a pending pre-label, which the move marks corrected), commit → durable through ItemDocument. */
  edit: Summary;
  /** Of them, the pre-label corrections only (they also move the counters). */
  correction: Summary;
  /** The store's part of every edit: commit() returned → durable (shape rows, history, counters). */
  store: Summary;
  /** The rest: commit() itself — validation and the in-memory document and its history (renderer/document). */
  inMemory: Summary;
  /** The old writer's work for the same one-box edits, in the same run: copy every shape, hash every id, rebuild the changed bucket from the scan. */
  oldWrite: Summary;
}

async function projectOf(items: number, name: string): Promise<{ store: LabelStore; projectId: string; itemIds: string[] }> {
  const store = await openLabelStore({ name });
  const project = await store.createProject('bench', 'root', '/bench', SCHEMA);
  const rows = Array.from({ length: items }, (_, i) => ({ relPath: `img${i}.jpg`, width: 1920, height: 1080, sha256: i.toString(16).padStart(64, '0'), phash: i.toString(16).padStart(16, '0'), bytes: 1 }));
  const added = await store.addItems(project.id, rows);
  return { store, projectId: project.id, itemIds: added.map((i) => i.id) };
}

function moved(s: Shape): Shape {
  const prelabel = s.prelabel ? { ...s.prelabel, review: 'corrected' as const } : undefined;
  return { ...s, box: { ...s.box, x: (s.box.x + 1) % 1800 }, version: s.version + 1, ...(prelabel ? { prelabel } : {}) };
}

/** Edit → durable on one item of `boxes` boxes (10 % pending pre-labels), and the old writer's cost for the same edits. */
export async function measureEditScale(boxes: number, edits: number): Promise<EditScaleResult> {
  const { store, projectId, itemIds } = await projectOf(1, `bench-edit-${boxes}-${Date.now()}`);
  await writePrelabeledItems(store, projectId, itemIds, [boxes], CLASS_IDS);
  const doc = await store.openItem(itemIds[0]!);
  const pending = doc.getShapes().filter((s) => s.prelabel?.review === 'pending');
  const human = doc.getShapes().filter((s) => !s.prelabel);
  const all: number[] = [];
  const corrections: number[] = [];
  const storePart: number[] = [];
  const memoryPart: number[] = [];
  for (let i = 0; i < edits; i++) {
    const correction = i % 4 === 3;
    const pool = correction ? pending : human;
    const id = pool[Math.floor(i / (correction ? 4 : 1)) % pool.length]!.id;
    const s = doc.getShapes().find((x) => x.id === id)!; // lookup outside the timed part
    const t = performance.now();
    doc.commit({ put: [moved(s)], remove: [] }, { history: true, label: 'Move box' });
    const committed = performance.now();
    await doc.whenDurable();
    const dt = performance.now() - t;
    all.push(dt);
    memoryPart.push(committed - t);
    storePart.push(dt - (committed - t));
    if (correction) corrections.push(dt);
  }
  const oldWrite = await measureOldWrite(store, projectId, itemIds[0]!, doc.getShapes(), Math.min(edits, 60));
  await store.close();
  return { boxes, edit: summarize(all), correction: summarize(corrections), store: summarize(storePart), inMemory: summarize(memoryPart), oldWrite: summarize(oldWrite) };
}

/** What the writer did per edit before it kept bucket membership: copied the item's shapes, hashed every id to fill the changed bucket. */
async function measureOldWrite(store: LabelStore, projectId: string, itemId: string, shapes: readonly Shape[], edits: number): Promise<number[]> {
  const { db } = store;
  const bucketCount = await db.shapeBuckets.where('itemId').equals(itemId).count();
  const times: number[] = [];
  for (let i = 0; i < edits; i++) {
    const s = shapes[(i * 7919) % shapes.length]!;
    const t = performance.now();
    const copy = [...shapes];
    await db.transaction('rw', db.shapeBuckets, async () => {
      await writeItemShapes(db, itemId, projectId, copy, bucketCount, new Set([bucketOf(s.id, bucketCount)]));
    });
    times.push(performance.now() - t);
  }
  return times;
}

export interface StatsScaleResult {
  shapes: number;
  /** Rows, run records and counters written item by item (no recount). */
  buildMs: number;
  /** Commit of one pre-label correction → durable (counters moved in the same transaction) → statistics read. */
  update: Summary;
  /** The old code's work after each edit: read every shape of the project from IndexedDB and recompute (median of `recounts`). */
  recount: Summary;
}

export interface StatsProjectSpec {
  shapes: number;
  /** Boxes of the edited item: the same in every project, so only the project's size differs. */
  editedItem: number;
  /** Items sharing the remaining shapes. */
  fillItems: number;
  /** Old full recounts to time (median). */
  recounts: number;
}

/**
 * Pre-label statistics after an edit in projects of different sizes (10 %
 * pending pre-labels). All projects are built first, then the edits
 * alternate between them, edit by edit: the background work of a large
 * build (IndexedDB compaction) and any drift of the machine fall on every
 * project alike, not on whichever is measured right after its build.
 */
export async function measureStatsScale(specs: StatsProjectSpec[], edits: number): Promise<StatsScaleResult[]> {
  const built = [];
  for (const spec of specs) {
    const t0 = performance.now();
    const rest = spec.shapes - spec.editedItem;
    const perItem = [spec.editedItem, ...Array.from({ length: rest > 0 ? spec.fillItems : 0 }, (_, i) => Math.floor(rest / spec.fillItems) + (i < rest % spec.fillItems ? 1 : 0))];
    const { store, projectId, itemIds } = await projectOf(perItem.length, `bench-stats-${spec.shapes}-${Date.now()}`);
    await writePrelabeledItems(store, projectId, itemIds, perItem, CLASS_IDS);
    const buildMs = performance.now() - t0;
    const doc = await store.openItem(itemIds[0]!);
    const pending = doc.getShapes().filter((s) => s.prelabel?.review === 'pending');
    built.push({ spec, store, projectId, doc, pending, buildMs, update: [] as number[] });
  }
  for (let i = 0; i < edits; i++) {
    for (const b of built) {
      const s = b.doc.getShapes().find((x) => x.id === b.pending[i % b.pending.length]!.id)!;
      const t = performance.now();
      b.doc.commit({ put: [moved(s)], remove: [] }, { history: true, label: 'Move box' });
      await b.doc.whenDurable();
      await b.store.prelabel.stats(b.projectId);
      b.update.push(performance.now() - t);
    }
  }
  const results: StatsScaleResult[] = [];
  for (const b of built) {
    const recount: number[] = [];
    let recounted = '';
    for (let i = 0; i < b.spec.recounts; i++) {
      const t = performance.now();
      const [project, runs, listed, shapesByItem] = await Promise.all([b.store.getProject(b.projectId), b.store.prelabel.listRuns(b.projectId), b.store.listItems(b.projectId), readProjectShapes(b.store.db, b.projectId)]);
      recounted = JSON.stringify(computePrelabelStats({ schema: project!.labelSchema, runs, items: listed, shapesByItem }).project);
      recount.push(performance.now() - t);
    }
    // The counters after the edits equal the old full recount (the bench would be measuring the wrong thing otherwise).
    const fromCounters = JSON.stringify((await b.store.prelabel.stats(b.projectId)).project);
    if (b.spec.recounts > 0 && fromCounters !== recounted) throw new Error(`bench: counters ${fromCounters} differ from the recount ${recounted}`);
    await b.store.close();
    results.push({ shapes: b.spec.shapes, buildMs: b.buildMs, update: summarize(b.update), recount: summarize(recount) });
  }
  return results;
}
