import { describe, expect, it } from 'vitest';
import type { Track } from '../../core/model/track';
import { UnreadableRecordError } from './errors';
import { readHistoryRows } from './historyRows';
import type { IntakeItem } from './labelStore';
import { boxShape, freshDbName, intakeRows, twoClassSchema } from './testing/fixtures';
import { testStores } from './testing/testStores';

const { openStore, projectWithItems } = testStores();

const videoRow: IntakeItem = {
  relPath: 'clip.mp4', width: 320, height: 240, sha256: 'a'.repeat(64), phash: 'b'.repeat(16), bytes: 5000, kind: 'video',
  video: { frameCount: 120, fps: 30, durationSec: 4, variableFrameRate: false, codec: 'h264', rotation: 0 },
};

function track(projectId: string, itemId: string, id = 'trk_1'): Track {
  return { id, projectId, itemId, classId: 'cat', attributes: {}, author: 't', createdAt: 1, updatedAt: 1, version: 1, keyframes: [{ frame: 4, box: { x: 1, y: 1, w: 5, h: 5 }, outside: false, source: 'human' }] };
}

describe('stored records are read through their migrators', () => {
  it('reads rows written before records were versioned (no schemaVersion, history in {put, remove, video} form) and undoes them', async () => {
    const name = freshDbName();
    const store = await openStore(name);
    const project = await store.createProject('V', 'r', '/v', twoClassSchema);
    const [video] = await store.addItems(project.id, [videoRow, ...intakeRows(1)]);
    const itemId = video!.id;
    const s1 = boxShape(project.id, itemId, 's1', 10);
    const t1 = track(project.id, itemId);
    const segments = [{ startFrame: 0, endFrame: 119, score: 0, tags: [] }];
    // Rows exactly as the store wrote them before this change.
    await store.db.shapeBuckets.put({ itemId, projectId: project.id, bucket: 0, shapes: [], classIds: [] });
    await store.db.tracks.put(t1);
    await store.db.segments.put({ itemId, projectId: project.id, segments, threshold: 0.3, scores: [0, 1] });
    await store.db.history.put({
      itemId, projectId: project.id, seq: 1, label: 'Make track', at: 5, undone: false,
      redo: { put: [], remove: ['s1'], video: { tracks: { put: [t1], remove: [] } } },
      undo: { put: [s1], remove: [], video: { tracks: { put: [], remove: ['trk_1'] } } },
    } as never);
    await store.db.items.update(itemId, { shapeCount: 0 });

    const doc = await store.openItem(itemId);
    expect(doc.getVideo()).toEqual({ tracks: [t1], frameTags: [], segments: { segments, threshold: 0.3, scores: [0, 1] } });
    expect(doc.canUndo()).toBe(true);
    doc.undo();
    expect(doc.getShapes().map((s) => s.id)).toEqual(['s1']);
    expect(doc.getVideo().tracks).toEqual([]);
    await doc.whenDurable();
    // The undone step is written back in the current form, stamped.
    const rows = await store.db.history.where('itemId').equals(itemId).toArray();
    expect(rows[0]).toMatchObject({ schemaVersion: 2, undone: true, redo: { shape: { remove: ['s1'] }, track: { put: [t1] } } });
    expect(readHistoryRows(rows)[0]?.undo.shape?.put[0]?.id).toBe('s1');
    const bucket = await store.db.shapeBuckets.where('itemId').equals(itemId).first();
    expect(bucket?.schemaVersion).toBe(1);
  });

  it('stamps the current schema version on every row it writes', async () => {
    const store = await openStore();
    const project = await store.createProject('V', 'r', '/v', twoClassSchema);
    const [video] = await store.addItems(project.id, [videoRow]);
    const doc = await store.openItem(video!.id);
    doc.commit({ put: [boxShape(project.id, video!.id, 's1', 1)], remove: [], video: { tracks: { put: [track(project.id, video!.id)], remove: [] }, segments: { segments: [{ startFrame: 0, endFrame: 119, score: 0, tags: [] }], threshold: 0.3, scores: [] } } }, { history: true, label: 'x' });
    await doc.whenDurable();
    const db = store.db;
    expect((await db.shapeBuckets.toArray()).map((r) => r.schemaVersion)).toEqual([1]);
    expect((await db.tracks.toArray()).map((r) => (r as { schemaVersion?: number }).schemaVersion)).toEqual([1]);
    expect((await db.segments.toArray()).map((r) => r.schemaVersion)).toEqual([1]);
    expect((await db.history.toArray()).map((r) => [r.schemaVersion, r.recordVersions])).toEqual([[2, { shape: 1, track: 1, frameTag: 1 }]]);
    expect((await db.projects.get(project.id))?.schemaVersion).toBe(1);
  });

  it('refuses rows from a newer Groundwork with an error naming the record, and leaves them as they are', async () => {
    const { store, project, items } = await projectWithItems(2);
    const [a, b] = items as [typeof items[0], typeof items[0]];
    const newer = { itemId: a.id, projectId: project.id, bucket: 0, shapes: [{ ...boxShape(project.id, a.id, 's1', 1), shinyNewField: true }], classIds: ['cat'], schemaVersion: 7 };
    await store.db.shapeBuckets.put(newer);
    const opening = store.openItem(a.id);
    await expect(opening).rejects.toThrow(UnreadableRecordError);
    await expect(opening).rejects.toThrow(`item ${a.id}, shape bucket 0 cannot be read: shape: written by a newer Groundwork (schema version 7; this version reads up to 1). Update Groundwork to open it.`);
    await expect(store.loadShapes(a.id)).rejects.toThrow(/shape bucket 0/);
    expect(await store.db.shapeBuckets.get([a.id, 0])).toEqual(newer);
    // The other items still open.
    expect((await store.openItem(b.id)).getShapes()).toEqual([]);
  });

  it('lists readable projects and names the ones it cannot read; getProject refuses those', async () => {
    const name = freshDbName();
    const store = await openStore(name);
    const ok = await store.createProject('Old', 'r', '/p', twoClassSchema);
    const other = await store.createProject('Future', 'r', '/q', twoClassSchema);
    await store.db.projects.put({ ...other, schemaVersion: 3 });
    expect((await store.listProjects()).map((p) => p.id)).toEqual([ok.id]);
    expect(await store.unreadableProjects()).toEqual([{ id: other.id, name: 'Future', reason: expect.stringMatching(/^project: written by a newer Groundwork \(schema version 3; .*Update Groundwork to open it\.$/) }]);
    await expect(store.getProject(other.id)).rejects.toThrow(`project ${other.id} ("Future") cannot be read: project: written by a newer Groundwork`);
    await expect(store.importShapes(other.id, [])).rejects.toThrow(UnreadableRecordError);
    expect((await store.db.projects.get(other.id))?.schemaVersion).toBe(3);
  });

  it('names a damaged track instead of failing silently', async () => {
    const store = await openStore();
    const project = await store.createProject('V', 'r', '/v', twoClassSchema);
    const [video] = await store.addItems(project.id, [videoRow]);
    await store.db.tracks.put({ ...track(project.id, video!.id), keyframes: [] });
    await expect(store.openItem(video!.id)).rejects.toThrow(`item ${video!.id}, track trk_1 cannot be read: track: invalid after migration to schema version 1: keyframes`);
  });
});
