import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { bucketCountFor, bucketOf, TARGET_BUCKET_SIZE } from './shapeRows';
import { openLabelStore } from './labelStore';
import { boxShape } from './testing/fixtures';
import { testStores } from './testing/testStores';

const { openStore, projectWithItems } = testStores();
async function setup() {
  const { items, ...rest } = await projectWithItems(1);
  return { ...rest, item: items[0]! };
}

describe('shape rows (buckets per item)', () => {
  it('uses power-of-two bucket counts sized to the item', () => {
    expect([0, 1, TARGET_BUCKET_SIZE, TARGET_BUCKET_SIZE + 1, 10_000].map(bucketCountFor)).toEqual([1, 1, 1, 2, 64]);
  });

  it('an edit rewrites only the bucket of the changed shape', async () => {
    const { store, project, item } = await setup();
    const shapes = Array.from({ length: 1000 }, (_, i) => boxShape(project.id, item.id, `s${i}`, i));
    await store.importShapes(project.id, shapes);
    expect(await store.db.shapeBuckets.where('itemId').equals(item.id).count()).toBe(4);
    const doc = await store.openItem(item.id);
    let written = 0;
    const count = () => void written++;
    store.db.shapeBuckets.hook('updating', count);
    store.db.shapeBuckets.hook('creating', count);
    doc.commit({ put: [{ ...shapes[7]!, box: { x: 1, y: 2, w: 3, h: 4 }, version: 2 }], remove: [] }, { history: true, label: 'move' });
    await doc.whenDurable();
    expect(written).toBe(1);
  });

  it('grows the bucket count as an item fills up and reloads every shape exactly once', async () => {
    const { name, store, project, item } = await setup();
    const doc = await store.openItem(item.id);
    for (let i = 0; i < 600; i++) doc.commit({ put: [boxShape(project.id, item.id, `s${i}`, i)], remove: [] }, { history: i % 2 === 0, label: 'draw' });
    doc.commit({ put: [], remove: ['s5', 's6'] }, { history: true, label: 'delete' });
    await doc.whenDurable();
    expect(await store.db.shapeBuckets.where('itemId').equals(item.id).count()).toBe(bucketCountFor(598));
    const other = await openStore(name);
    const ids = (await other.loadShapes(item.id)).map((s) => s.id);
    expect(ids).toHaveLength(598);
    expect(new Set(ids).size).toBe(598);
    expect(ids).not.toContain('s5');
  });

  it('an import into an open item keeps the edits made before and while it runs', async () => {
    const { name, store, project, item } = await setup();
    const doc = await store.openItem(item.id);
    for (let i = 0; i < 20; i++) doc.commit({ put: [boxShape(project.id, item.id, `e${i}`, i)], remove: [] }, { history: true, label: 'draw' });
    const imported = Array.from({ length: 30 }, (_, i) => boxShape(project.id, item.id, `m${i}`, i));
    const importing = store.importShapes(project.id, imported);
    // An edit lands while the import transaction runs (same bucket: the item has one).
    await Promise.resolve();
    doc.commit({ put: [boxShape(project.id, item.id, 'late', 1)], remove: [] }, { history: true, label: 'draw' });
    await importing;
    expect(doc.getShapes()).toHaveLength(51);
    await doc.whenDurable();
    const other = await openStore(name);
    const ids = (await other.loadShapes(item.id)).map((s) => s.id);
    expect(new Set(ids).size).toBe(51);
    expect(ids).toHaveLength(51);
    expect((await other.getItem(item.id))!.shapeCount).toBe(51);
  });

  it('an item that outgrows its layout while the write fails is rewritten whole on the retry, every shape in its bucket', async () => {
    const { name, project, item } = await setup();
    const store = await openLabelStore({ name, retryDelays: [10] });
    try {
      await store.importShapes(project.id, Array.from({ length: 250 }, (_, i) => boxShape(project.id, item.id, `s${i}`, i)));
      const doc = await store.openItem(item.id);
      let blocked = true;
      const bulkPut = store.db.shapeBuckets.bulkPut.bind(store.db.shapeBuckets);
      vi.spyOn(store.db.shapeBuckets, 'bulkPut').mockImplementation(((...args: Parameters<typeof bulkPut>) =>
        blocked ? Dexie.Promise.reject(new Error('disk full')) : bulkPut(...args)) as typeof bulkPut);
      const failed = new Promise((resolve) => doc.onWriteError(resolve));
      for (let i = 250; i < 270; i++) doc.commit({ put: [boxShape(project.id, item.id, `s${i}`, i)], remove: [] }, { history: true, label: 'draw' });
      await failed;
      blocked = false;
      doc.commit({ put: [{ ...doc.getShapes()[0]!, box: { x: 9, y: 9, w: 9, h: 9 }, version: 2 }], remove: [] }, { history: true, label: 'move' });
      await doc.whenDurable();
      const rows = await store.db.shapeBuckets.where('itemId').equals(item.id).toArray();
      expect(rows.map((r) => r.bucket).sort()).toEqual([0, 1]);
      for (const row of rows) for (const shape of row.shapes) expect(bucketOf(shape.id, 2), shape.id).toBe(row.bucket);
      expect(rows.flatMap((r) => r.shapes.map((x) => x.id)).sort()).toEqual(doc.getShapes().map((x) => x.id).sort());
    } finally {
      await store.close();
    }
  });
});
