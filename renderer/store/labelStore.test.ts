import { afterEach, describe, expect, it } from 'vitest';
import { openLabelStore, type LabelStore } from './labelStore';
import { ClassInUseError, StoreError } from './errors';
import { boxShape, freshDbName, intakeRows, twoClassSchema } from './testing/fixtures';
import { deleteProjectAndLabels } from './projectLifecycle';

const stores: LabelStore[] = [];
async function open(name = freshDbName()) {
  const store = await openLabelStore({ name });
  stores.push(store);
  return store;
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

describe('LabelStore projects and items', () => {
  it('creates, lists and deletes projects with item counts', async () => {
    let t = 1000;
    const store = await openLabelStore({ name: freshDbName(), now: () => t++ });
    stores.push(store);
    const a = await store.createProject('A', 'r1', '/a', twoClassSchema);
    const b = await store.createProject('B', 'r2', '/b', twoClassSchema);
    const items = await store.addItems(a.id, intakeRows(3));
    await store.setItemStatus(items[0]!.id, 'done');
    const listed = await store.listProjects();
    expect(listed.map((p) => [p.name, p.itemCount, p.doneCount])).toEqual([['A', 3, 1], ['B', 0, 0]]);
    await deleteProjectAndLabels(store, a.id);
    expect((await store.listProjects()).map((p) => p.id)).toEqual([b.id]);
    expect(await store.listItems(a.id)).toEqual([]);
    expect(await store.db.shapeBuckets.count()).toBe(0);
  });

  it('rejects an invalid project naming the field', async () => {
    const store = await open();
    await expect(store.createProject('', 'r', '/x', twoClassSchema)).rejects.toThrow(/createProject: name/);
    const dup = { classes: [twoClassSchema.classes[0]!, { ...twoClassSchema.classes[1]!, name: 'cat' }] };
    await expect(store.createProject('X', 'r', '/x', dup)).rejects.toThrow(/duplicate class name "cat"/);
    expect(await store.listProjects()).toEqual([]);
  });

  it('adds items in order, skips known paths and filters by status', async () => {
    const store = await open();
    const p = await store.createProject('A', 'r1', '/a', twoClassSchema);
    await store.addItems(p.id, intakeRows(2));
    const more = await store.addItems(p.id, intakeRows(4));
    expect(more.map((i) => [i.relPath, i.order])).toEqual([['img2.jpg', 2], ['img3.jpg', 3]]);
    await store.setItemStatus(more[0]!.id, 'done');
    expect((await store.listItems(p.id)).map((i) => i.relPath)).toEqual(['img0.jpg', 'img1.jpg', 'img2.jpg', 'img3.jpg']);
    expect((await store.listItems(p.id, { status: 'done' })).map((i) => i.relPath)).toEqual(['img2.jpg']);
    await expect(store.addItems('nope', intakeRows(1))).rejects.toThrow(/project nope does not exist/);
  });

  it('keeps settings as key/value', async () => {
    const store = await open();
    expect(await store.getSetting('keymap')).toBeUndefined();
    await store.setSetting('keymap', { 'tool.box': ['b'] });
    expect(await store.getSetting('keymap')).toEqual({ 'tool.box': ['b'] });
  });
});

describe('LabelStore.updateLabelSchema', () => {
  async function withShapes() {
    const store = await open();
    const p = await store.createProject('A', 'r1', '/a', twoClassSchema);
    const [item] = await store.addItems(p.id, intakeRows(1));
    await store.importShapes(p.id, [boxShape(p.id, item!.id, 's1', 1, 'cat'), boxShape(p.id, item!.id, 's2', 2, 'dog'), boxShape(p.id, item!.id, 's3', 3, 'dog')]);
    return { store, p, item: item! };
  }
  const onlyCat = { classes: [twoClassSchema.classes[0]!] };

  it('refuses to delete a class still used by shapes and changes nothing', async () => {
    const { store, p, item } = await withShapes();
    const err = await store.updateLabelSchema(p.id, onlyCat).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClassInUseError);
    expect((err as ClassInUseError).usage).toEqual([{ classId: 'dog', name: 'dog', count: 2 }]);
    expect((await store.getProject(p.id))!.labelSchema.classes).toHaveLength(2);
    expect(await store.loadShapes(item.id)).toHaveLength(3);
  });

  it('remaps the shapes of a removed class in the same step, also in an open document', async () => {
    const { store, p, item } = await withShapes();
    const doc = await store.openItem(item.id);
    await store.updateLabelSchema(p.id, onlyCat, { removedClasses: { dog: { remapTo: 'cat' } } });
    expect((await store.loadShapes(item.id)).map((s) => s.classId)).toEqual(['cat', 'cat', 'cat']);
    expect(doc.getShapes().map((s) => s.classId)).toEqual(['cat', 'cat', 'cat']);
    expect(doc.canUndo()).toBe(false);
  });

  it('deletes the shapes of a removed class when told to', async () => {
    const { store, p, item } = await withShapes();
    await store.updateLabelSchema(p.id, onlyCat, { removedClasses: { dog: 'delete' } });
    expect((await store.loadShapes(item.id)).map((s) => s.id)).toEqual(['s1']);
    expect((await store.getItem(item.id))!.shapeCount).toBe(1);
  });

  it('allows removing an unused class and rejects a remap to a missing class', async () => {
    const store = await open();
    const p = await store.createProject('A', 'r1', '/a', twoClassSchema);
    await expect(store.updateLabelSchema(p.id, onlyCat, { removedClasses: { dog: { remapTo: 'bird' } } })).rejects.toThrow(/remapTo: class "bird"/);
    const updated = await store.updateLabelSchema(p.id, onlyCat);
    expect(updated.labelSchema.classes.map((c) => c.id)).toEqual(['cat']);
  });
});

describe('LabelStore.importShapes', () => {
  it('imports all shapes in one transaction, outside undo, or nothing when one is bad', async () => {
    const store = await open();
    const p = await store.createProject('A', 'r1', '/a', twoClassSchema);
    const [a, b] = await store.addItems(p.id, intakeRows(2));
    const good = [boxShape(p.id, a!.id, 's1', 1), boxShape(p.id, b!.id, 's2', 2)];
    const bad = [...good, { ...boxShape(p.id, b!.id, 's3', 3), classId: 'bird' }];
    await expect(store.importShapes(p.id, bad)).rejects.toThrow(/shape 2 uses class bird/);
    const badBox = [...good, { ...boxShape(p.id, b!.id, 's3', 3), box: { x: 0, y: 0, w: Number.NaN, h: 1 } }];
    await expect(store.importShapes(p.id, badBox)).rejects.toThrow(StoreError);
    expect(await store.loadShapes(a!.id)).toEqual([]);

    const doc = await store.openItem(a!.id);
    expect(await store.importShapes(p.id, good)).toEqual({ count: 2 });
    expect(doc.getShapes().map((s) => s.id)).toEqual(['s1']);
    expect(doc.canUndo()).toBe(false);
    expect((await store.listItems(p.id)).map((i) => i.shapeCount)).toEqual([1, 1]);
    await store.importShapes(p.id, [boxShape(p.id, a!.id, 's9', 9)], { replace: true });
    expect((await store.loadShapes(a!.id)).map((s) => s.id)).toEqual(['s9']);
    expect(doc.getShapes().map((s) => s.id)).toEqual(['s9']);
  });
});

describe('LabelStore.exportDataset', () => {
  it('exports class names, files and boxes, including edits not yet written', async () => {
    const store = await open();
    const p = await store.createProject('A', 'r1', '/a', twoClassSchema);
    const [a, b] = await store.addItems(p.id, intakeRows(2));
    await store.importShapes(p.id, [boxShape(p.id, b!.id, 's2', 20, 'dog')]);
    const doc = await store.openItem(a!.id);
    doc.commit({ put: [boxShape(p.id, a!.id, 's1', 10, 'cat')], remove: [] }, { history: true, label: 'draw' });
    const dataset = await store.exportDataset(p.id);
    expect(dataset.classes).toEqual(['cat', 'dog']);
    expect(dataset.images.map((i) => [i.fileName, i.width, i.height, i.boxes.map((bx) => [bx.className, bx.box])])).toEqual([
      ['img0.jpg', 640, 480, [['cat', { x: 10, y: 10, w: 50, h: 40 }]]],
      ['img1.jpg', 640, 480, [['dog', { x: 20, y: 10, w: 50, h: 40 }]]],
    ]);
  });
});
