import Dexie from 'dexie';
import type { Shape } from '../../../core/model/shape';
import { summarize } from '../stats';
import { syntheticShapes } from './syntheticShapes';

/**
 * Row per shape vs one document per item (all of an item's shapes in one
 * row), measured on the real IndexedDB of the browser running this page.
 * Each edit writes the changed shape(s) and a history entry in one rw
 * transaction, as the store does.
 */
export interface LayoutFigures {
  editP50: Record<string, number>;
  editP95: Record<string, number>;
  /** ms to write 100k shapes (1,000 items x 100). */
  bulkInsert100k: number;
  /** ms to read back one item with 10,000 shapes (median of 5). */
  load10k: number;
}
export type LayoutResults = { row: LayoutFigures; doc: LayoutFigures; bucket: LayoutFigures };

const CLASSES = ['c1', 'c2', 'c3'];

interface Layout {
  db: Dexie;
  bulk(items: Shape[][]): Promise<void>;
  edit(itemShapes: Shape[], changed: Shape, seq: number): Promise<void>;
  load(itemId: string): Promise<Shape[]>;
}

function rowLayout(name: string): Layout {
  const db = new Dexie(name);
  db.version(1).stores({ shapes: 'id, itemId', history: '[itemId+seq]' });
  return {
    db,
    bulk: (items) =>
      db.transaction('rw', db.table('shapes'), async () => {
        await db.table('shapes').bulkAdd(items.flat());
      }),
    edit: (_all, changed, seq) =>
      db.transaction('rw', db.table('shapes'), db.table('history'), async () => {
        await db.table('shapes').put(changed);
        await db.table('history').put({ itemId: changed.itemId, seq, put: [changed] });
      }),
    load: (itemId) => db.table('shapes').where('itemId').equals(itemId).toArray(),
  };
}

function docLayout(name: string): Layout {
  const db = new Dexie(name);
  db.version(1).stores({ docs: 'itemId', history: '[itemId+seq]' });
  return {
    db,
    bulk: (items) =>
      db.transaction('rw', db.table('docs'), async () => {
        await db.table('docs').bulkAdd(items.map((shapes) => ({ itemId: shapes[0]!.itemId, shapes })));
      }),
    edit: (all, changed, seq) =>
      db.transaction('rw', db.table('docs'), db.table('history'), async () => {
        await db.table('docs').put({ itemId: changed.itemId, shapes: all.map((s) => (s.id === changed.id ? changed : s)) });
        await db.table('history').put({ itemId: changed.itemId, seq, put: [changed] });
      }),
    load: async (itemId) => ((await db.table('docs').get(itemId)) as { shapes: Shape[] } | undefined)?.shapes ?? [],
  };
}

/** Stable string hash (FNV-1a) so a shape always lands in the same bucket. */
function hash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** One row per bucket of ~256 shapes of an item: an edit rewrites one bucket, a load reads few rows. */
function bucketLayout(name: string, target = 256): Layout {
  const db = new Dexie(name);
  db.version(1).stores({ buckets: '[itemId+bucket], itemId', history: '[itemId+seq]' });
  const countFor = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(1, Math.ceil(n / target))));
  const rows = (shapes: Shape[]) => {
    const k = countFor(shapes.length);
    const out = Array.from({ length: k }, (_, bucket) => ({ itemId: shapes[0]!.itemId, bucket, shapes: [] as Shape[] }));
    for (const s of shapes) out[hash(s.id) % k]!.shapes.push(s);
    return out;
  };
  return {
    db,
    bulk: (items) =>
      db.transaction('rw', db.table('buckets'), async () => {
        await db.table('buckets').bulkAdd(items.flatMap(rows));
      }),
    edit: (all, changed, seq) =>
      db.transaction('rw', db.table('buckets'), db.table('history'), async () => {
        const k = countFor(all.length);
        const b = hash(changed.id) % k;
        const shapes = all.filter((s) => hash(s.id) % k === b).map((s) => (s.id === changed.id ? changed : s));
        await db.table('buckets').put({ itemId: changed.itemId, bucket: b, shapes });
        await db.table('history').put({ itemId: changed.itemId, seq, put: [changed] });
      }),
    load: async (itemId) => ((await db.table('buckets').where('itemId').equals(itemId).toArray()) as { shapes: Shape[] }[]).flatMap((r) => r.shapes),
  };
}

async function measure(layout: Layout, editsPerSize: number): Promise<LayoutFigures> {
  const bulkItems = Array.from({ length: 1000 }, (_, i) => syntheticShapes('p', `bulk${i}`, 100, CLASSES));
  let t = performance.now();
  await layout.bulk(bulkItems);
  const bulkInsert100k = performance.now() - t;

  const editP50: Record<string, number> = {};
  const editP95: Record<string, number> = {};
  let load10k = 0;
  for (const size of [10, 10_000]) {
    const shapes = syntheticShapes('p', `edit${size}`, size, CLASSES);
    await layout.bulk([shapes]);
    const times: number[] = [];
    for (let i = 0; i < editsPerSize; i++) {
      const target = shapes[i % shapes.length]!;
      const changed = { ...target, box: { ...target.box, x: target.box.x + 1 }, version: target.version + 1 };
      t = performance.now();
      await layout.edit(shapes, changed, i);
      times.push(performance.now() - t);
    }
    const s = summarize(times);
    editP50[`${size}`] = s.p50;
    editP95[`${size}`] = s.p95;
    if (size === 10_000) {
      // Median of 5 reads: a single read is at the mercy of one GC pause.
      const loads: number[] = [];
      for (let i = 0; i < 5; i++) {
        t = performance.now();
        const loaded = await layout.load(`edit${size}`);
        loads.push(performance.now() - t);
        if (loaded.length !== size) throw new Error(`layout probe: loaded ${loaded.length} shapes, expected ${size}`);
      }
      load10k = summarize(loads).p50;
    }
  }
  return { editP50, editP95, bulkInsert100k, load10k };
}

export async function measureLayouts(editsPerSize = 40): Promise<LayoutResults> {
  const stamp = Date.now();
  const row = rowLayout(`layout-row-${stamp}`);
  const doc = docLayout(`layout-doc-${stamp}`);
  const bucket = bucketLayout(`layout-bucket-${stamp}`);
  try {
    return { row: await measure(row, editsPerSize), doc: await measure(doc, editsPerSize), bucket: await measure(bucket, editsPerSize) };
  } finally {
    await row.db.delete();
    await doc.db.delete();
    await bucket.db.delete();
  }
}
