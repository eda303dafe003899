import { afterEach, describe, expect, it } from 'vitest';
import { openLabelStore, type LabelStore } from './labelStore';
import { boxShape, freshDbName, intakeRows, twoClassSchema } from './testing/fixtures';

const stores: LabelStore[] = [];
async function setup(name = freshDbName()) {
  const store = await openLabelStore({ name, retryDelays: [5, 10] });
  stores.push(store);
  const project = await store.createProject('P', 'root1', '/data/p', twoClassSchema);
  const [item] = await store.addItems(project.id, intakeRows(1));
  return { name, store, project, item: item! };
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

describe('ItemDocument', () => {
  it('applies a commit to memory synchronously with a new array identity and notifies', async () => {
    const { store, project, item } = await setup();
    const doc = await store.openItem(item.id);
    const before = doc.getShapes();
    let notified = 0;
    doc.subscribe(() => notified++);
    doc.commit({ put: [boxShape(project.id, item.id, 's1', 10)], remove: [] }, { history: true, label: 'draw' });
    expect(doc.getShapes()).not.toBe(before);
    expect(doc.getShapes().map((s) => s.id)).toEqual(['s1']);
    expect(notified).toBe(1);
    expect(doc.canUndo()).toBe(true);
  });

  it('is durable when whenDurable resolves: a second connection sees shapes, history and in_progress status', async () => {
    const { name, store, project, item } = await setup();
    const doc = await store.openItem(item.id);
    expect(doc.item.status).toBe('new');
    doc.commit({ put: [boxShape(project.id, item.id, 's1', 10)], remove: [] }, { history: true, label: 'draw' });
    doc.commit({ put: [boxShape(project.id, item.id, 's2', 90)], remove: [] }, { history: true, label: 'draw' });
    expect(doc.item.status).toBe('in_progress');
    await doc.whenDurable();
    const other = await openLabelStore({ name });
    stores.push(other);
    expect((await other.loadShapes(item.id)).map((s) => s.id)).toEqual(['s1', 's2']);
    const row = await other.getItem(item.id);
    expect(row?.status).toBe('in_progress');
    expect(row?.shapeCount).toBe(2);
    expect(await other.db.history.where('itemId').equals(item.id).count()).toBe(2);
  });

  it('tells item lists about a new count only once the item row holds it', async () => {
    const { store, project, item } = await setup();
    const doc = await store.openItem(item.id);
    const seen: (number | undefined)[] = [];
    const listened = new Promise<void>((resolve) =>
      store.subscribe(() => {
        void store.getItem(item.id).then((row) => {
          seen.push(row?.shapeCount);
          if (row?.shapeCount === 1) resolve();
        });
      }),
    );
    doc.commit({ put: [boxShape(project.id, item.id, 's1', 10)], remove: [] }, { history: true, label: 'draw' });
    await listened;
    expect(seen).toEqual([1]);
  });

  it('reports unsaved changes from commit until the write lands, also inside durable listeners', async () => {
    const { store, project, item } = await setup();
    const doc = await store.openItem(item.id);
    expect(doc.hasUnsavedChanges).toBe(false);
    const seenInListener: boolean[] = [];
    doc.onDurable(() => seenInListener.push(doc.hasUnsavedChanges));
    doc.commit({ put: [boxShape(project.id, item.id, 's1', 10)], remove: [] }, { history: true, label: 'draw' });
    expect(doc.hasUnsavedChanges).toBe(true);
    await doc.whenDurable();
    expect(doc.hasUnsavedChanges).toBe(false);
    expect(seenInListener).toEqual([false]);
  });

  it('writes in commit order: the last state wins even when commits arrive during a write', async () => {
    const { name, store, project, item } = await setup();
    const doc = await store.openItem(item.id);
    const durableEvents: number[] = [];
    doc.onDurable(() => durableEvents.push(doc.getShapes()[0]!.box.x));
    for (let x = 1; x <= 20; x++) {
      doc.commit({ put: [boxShape(project.id, item.id, 's1', x)], remove: [] }, { history: true, label: 'move' });
      if (x % 5 === 0) await new Promise((r) => setTimeout(r, 0));
    }
    await doc.whenDurable();
    expect(durableEvents.length).toBeGreaterThan(1);
    const other = await openLabelStore({ name });
    stores.push(other);
    expect((await other.loadShapes(item.id))[0]!.box.x).toBe(20);
    expect(await other.db.history.where('itemId').equals(item.id).count()).toBe(20);
  });

  it('keeps undo/redo across a reload (new Dexie instance on the same database)', async () => {
    const { name, store, project, item } = await setup();
    const doc = await store.openItem(item.id);
    doc.commit({ put: [boxShape(project.id, item.id, 's1', 10)], remove: [] }, { history: true, label: 'draw' });
    doc.commit({ put: [boxShape(project.id, item.id, 's1', 30)], remove: [] }, { history: true, label: 'move' });
    doc.commit({ put: [boxShape(project.id, item.id, 's2', 60)], remove: [] }, { history: true, label: 'draw' });
    doc.undo(); // s2 gone, redo available
    await store.close();

    const reopened = await openLabelStore({ name });
    stores.push(reopened);
    const doc2 = await reopened.openItem(item.id);
    expect(doc2.getShapes().map((s) => [s.id, s.box.x])).toEqual([['s1', 30]]);
    expect(doc2.canRedo()).toBe(true);
    doc2.redo();
    expect(doc2.getShapes().map((s) => s.id)).toEqual(['s1', 's2']);
    doc2.undo();
    doc2.undo();
    expect(doc2.getShapes().map((s) => [s.id, s.box.x])).toEqual([['s1', 10]]);
    // Undo is an edit too: the restored shape carries a newer version than any before.
    expect(doc2.getShapes()[0]!.version).toBeGreaterThan(1);
    await reopened.close();

    const third = await openLabelStore({ name });
    stores.push(third);
    const doc3 = await third.openItem(item.id);
    expect(doc3.getShapes().map((s) => [s.id, s.box.x])).toEqual([['s1', 10]]);
    doc3.undo();
    expect(doc3.getShapes()).toEqual([]);
    expect(doc3.canUndo()).toBe(false);
    doc3.redo();
    doc3.redo();
    doc3.redo();
    expect(doc3.getShapes().map((s) => [s.id, s.box.x])).toEqual([['s1', 30], ['s2', 60]]);
  });

  it('drops the redo branch on a new edit, also in the database', async () => {
    const { name, store, project, item } = await setup();
    const doc = await store.openItem(item.id);
    doc.commit({ put: [boxShape(project.id, item.id, 's1', 10)], remove: [] }, { history: true, label: 'draw' });
    doc.commit({ put: [boxShape(project.id, item.id, 's2', 20)], remove: [] }, { history: true, label: 'draw' });
    doc.undo();
    doc.commit({ put: [boxShape(project.id, item.id, 's3', 30)], remove: [] }, { history: true, label: 'draw' });
    expect(doc.canRedo()).toBe(false);
    await store.close();
    const reopened = await openLabelStore({ name });
    stores.push(reopened);
    const doc2 = await reopened.openItem(item.id);
    expect(doc2.canRedo()).toBe(false);
    expect(doc2.getShapes().map((s) => s.id)).toEqual(['s1', 's3']);
    doc2.undo();
    expect(doc2.getShapes().map((s) => s.id)).toEqual(['s1']);
  });

  it('keeps {history:false} changes out of the undo stack and leaves the status alone', async () => {
    const { store, project, item } = await setup();
    const doc = await store.openItem(item.id);
    doc.commit({ put: [boxShape(project.id, item.id, 'm1', 10)], remove: [] }, { history: false, label: 'prelabel' });
    expect(doc.canUndo()).toBe(false);
    expect(doc.item.status).toBe('new');
    doc.commit({ put: [boxShape(project.id, item.id, 's1', 50)], remove: [] }, { history: true, label: 'draw' });
    doc.undo();
    expect(doc.getShapes().map((s) => s.id)).toEqual(['m1']);
  });

  it('reports a failed write, retries it and loses nothing', async () => {
    const { name, store, project, item } = await setup();
    const doc = await store.openItem(item.id);
    let failuresLeft = 2;
    const fail = () => {
      if (failuresLeft-- > 0) throw new Error('disk full');
    };
    store.db.shapeBuckets.hook('creating', fail);
    const errors: number[] = [];
    doc.onWriteError((e) => errors.push(e.attempt));
    doc.commit({ put: [boxShape(project.id, item.id, 's1', 10)], remove: [] }, { history: true, label: 'draw' });
    await doc.whenDurable();
    store.db.shapeBuckets.hook('creating').unsubscribe(fail);
    expect(errors).toEqual([1, 2]);
    const other = await openLabelStore({ name });
    stores.push(other);
    expect((await other.loadShapes(item.id)).map((s) => s.id)).toEqual(['s1']);
    expect(await other.db.history.where('itemId').equals(item.id).count()).toBe(1);
  });

  it('rejects a shape of another item or an invalid shape without touching memory', async () => {
    const { store, project, item } = await setup();
    const doc = await store.openItem(item.id);
    expect(() => doc.commit({ put: [boxShape(project.id, 'other', 's1', 10)], remove: [] }, { history: true, label: 'x' })).toThrow(/belongs to item other/);
    const bad = { ...boxShape(project.id, item.id, 's1', 10), box: { x: 0, y: 0, w: -5, h: 1 } };
    expect(() => doc.commit({ put: [bad], remove: [] }, { history: true, label: 'x' })).toThrow(/put\[0\].*box\.w/);
    expect(doc.getShapes()).toEqual([]);
    expect(doc.canUndo()).toBe(false);
  });
});

describe('ItemDocument lifecycle', () => {
  it('refuses commits once closing, and reopening while it closes gives a fresh document with everything', async () => {
    const { store, project, item } = await setup();
    const doc = await store.openItem(item.id);
    doc.commit({ put: [boxShape(project.id, item.id, 's1', 10)], remove: [] }, { history: true, label: 'draw' });
    const closing = doc.close();
    expect(() => doc.commit({ put: [boxShape(project.id, item.id, 's2', 10)], remove: [] }, { history: true, label: 'draw' })).toThrow(/closed/);
    const again = await store.openItem(item.id);
    await closing;
    expect(again).not.toBe(doc);
    expect(again.getShapes().map((s) => s.id)).toEqual(['s1']);
    expect(again.canUndo()).toBe(true);
    again.commit({ put: [boxShape(project.id, item.id, 's3', 10)], remove: [] }, { history: true, label: 'draw' });
    expect(await store.openItem(item.id)).toBe(again);
  });
});
