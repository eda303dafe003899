import { describe, expect, it } from 'vitest';
import type { OutboxRecord } from './syncRecords';
import { checkProjectName, deleteProjectAndLabels, projectContents, renameProject } from './projectLifecycle';
import { planMediaAddition, prefixInside, projectKind } from './projectMedia';
import { boxShape, intakeRows } from './testing/fixtures';
import { testStores } from './testing/testStores';

const { projectWithItems } = testStores();

function outboxRow(projectId: string, id: string, state: OutboxRecord['state']): OutboxRecord {
  return { id, kind: 'batch', hubUrl: 'http://hub', projectId, taskId: 't', payload: {}, state, attempts: 0, nextAttemptAt: 0, createdAt: 1, updatedAt: 1 };
}

describe('project names', () => {
  it('trims, collapses spaces and refuses empty or overlong names in words', async () => {
    expect(checkProjectName('  Street   survey ')).toEqual({ name: 'Street survey', error: null });
    expect(checkProjectName('   ').error).toBe('Give the project a name');
    expect(checkProjectName('x'.repeat(121)).error).toBe('A project name can be at most 120 characters (this one has 121)');
    const { store, project } = await projectWithItems(1);
    await expect(renameProject(store, project.id, ' ')).rejects.toThrow('Give the project a name');
    expect((await store.getProject(project.id))!.name).toBe('P');
    await renameProject(store, project.id, ' Cats ');
    expect((await store.getProject(project.id))!.name).toBe('Cats');
  });
});

describe('deleting a project', () => {
  it('counts what it would delete and removes all of it, settings included, in one go', async () => {
    const { store, project, items } = await projectWithItems(3);
    const other = await store.createProject('Other', 'r2', '/o', project.labelSchema);
    await store.addItems(other.id, intakeRows(1, 'o'));
    await store.importShapes(project.id, [boxShape(project.id, items[0]!.id, 's1', 1), boxShape(project.id, items[1]!.id, 's2', 2)]);
    await store.db.outbox.put(outboxRow(project.id, 'ob1', 'accepted'));
    await store.setSetting(`prelabel:${project.id}`, { modelId: 'm' });
    await store.setSetting(`place:item:${project.id}`, { itemId: items[0]!.id });
    await store.setSetting(`place:camera:${items[0]!.id}`, { x: 0, y: 0, zoom: 1 });
    await store.setSetting('place:view', { name: 'label', projectId: project.id });
    await store.setSetting('keymap', { undo: ['x'] });

    expect(await projectContents(store, project.id)).toEqual({ images: 3, videos: 0, labels: 2, unsynced: 0, uploading: 0, hubTasks: 0 });
    await deleteProjectAndLabels(store, project.id);

    expect((await store.listProjects()).map((p) => p.name)).toEqual(['Other']);
    expect(await store.db.items.where('projectId').equals(project.id).count()).toBe(0);
    expect(await store.db.shapeBuckets.count()).toBe(0);
    expect(await store.db.history.count()).toBe(0);
    expect(await store.db.outbox.count()).toBe(0);
    expect(await store.getSetting(`prelabel:${project.id}`)).toBeUndefined();
    expect(await store.getSetting(`place:item:${project.id}`)).toBeUndefined();
    expect(await store.getSetting(`place:camera:${items[0]!.id}`)).toBeUndefined();
    expect(await store.getSetting('place:view')).toEqual({ name: 'projects' });
    expect(await store.getSetting('keymap')).toEqual({ undo: ['x'] });
    expect(await store.db.items.where('projectId').equals(other.id).count()).toBe(1);
  });

  it('keeps signed labels the hub has not accepted unless told to discard them, and never deletes under an upload', async () => {
    const { store, project } = await projectWithItems(1);
    await store.db.outbox.put(outboxRow(project.id, 'ob1', 'pending'));
    await store.db.outbox.put(outboxRow(project.id, 'ob2', 'rejected'));
    expect(await projectContents(store, project.id)).toMatchObject({ unsynced: 2, uploading: 0 });
    await expect(deleteProjectAndLabels(store, project.id)).rejects.toThrow('This project has 2 signed batches not yet accepted by the hub; deleting would lose them');
    expect(await store.getProject(project.id)).toBeDefined();
    expect(await store.db.items.count()).toBe(1);

    await store.db.outbox.put(outboxRow(project.id, 'ob3', 'uploading'));
    await expect(deleteProjectAndLabels(store, project.id, { discardUnsynced: true })).rejects.toThrow(/being uploaded right now/);
    await store.db.outbox.update('ob3', { state: 'accepted' });
    await deleteProjectAndLabels(store, project.id, { discardUnsynced: true });
    expect(await store.getProject(project.id)).toBeUndefined();
    expect(await store.db.outbox.count()).toBe(0);
  });
});

describe('adding media to a project', () => {
  it('places a folder inside the project folder, refuses one outside', () => {
    expect(prefixInside('/data/cats', '/data/cats')).toBe('');
    expect(prefixInside('/data/cats/', '/data/cats/more/new')).toBe('more/new/');
    expect(prefixInside('C:\\data\\cats', 'C:\\data\\cats\\more')).toBe('more/');
    expect(prefixInside('/data/cats', '/data/catsup')).toBeNull();
    expect(prefixInside('/data/cats', '/elsewhere')).toBeNull();
  });

  it('takes only new content of the project kind', () => {
    const existing = intakeRows(2).map((r) => ({ relPath: r.relPath, sha256: r.sha256 }));
    const scanned = intakeRows(4, 'new');
    const video = { ...intakeRows(1, 'clip')[0]!, sha256: 'f'.repeat(64), kind: 'video' as const };
    const report = { rootId: 'r', rootPath: '/p/more', accepted: [...scanned, { ...scanned[3]!, relPath: 'copy.jpg' }, video], rejected: [], duplicates: [] };
    const plan = planMediaAddition('image', existing, report, 'more/');
    expect(plan.rows.map((r) => r.relPath)).toEqual(['more/new2.jpg', 'more/new3.jpg']);
    expect(plan).toMatchObject({ duplicates: 3, otherKind: 1 });
    expect(projectKind([{ kind: 'image' }, { kind: 'video' }])).toBe('video');
    expect(projectKind([])).toBeNull();
  });
});
