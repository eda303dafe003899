import { describe, expect, it } from 'vitest';
import type { Track } from '../../core/model/track';
import { testStores } from './testing/testStores';
import { freshDbName, intakeRows, twoClassSchema } from './testing/fixtures';
import type { IntakeItem } from './labelStore';
import { deleteProjectAndLabels } from './projectLifecycle';
import { readHistoryRows } from './historyRows';

const { openStore } = testStores();

const videoRow: IntakeItem = {
  relPath: 'clips/two-shots.mp4',
  width: 320,
  height: 240,
  sha256: 'a'.repeat(64),
  phash: 'b'.repeat(16),
  bytes: 5000,
  kind: 'video',
  video: { frameCount: 120, fps: 30, durationSec: 4, variableFrameRate: false, codec: 'h264', rotation: 0 },
};

async function videoProject(name = freshDbName()) {
  const store = await openStore(name);
  const project = await store.createProject('V', 'r', '/v', twoClassSchema);
  const [video, image] = await store.addItems(project.id, [videoRow, ...intakeRows(1)]);
  return { store, project, video: video!, image: image! };
}

function track(projectId: string, itemId: string, frames: number[], id = 'trk_1'): Track {
  return {
    id, projectId, itemId, classId: 'cat', attributes: {}, author: 'tester', createdAt: 1, updatedAt: 1, version: 1,
    keyframes: frames.map((frame) => ({ frame, box: { x: frame, y: 10, w: 20, h: 20 }, outside: false, source: 'human' as const })),
  };
}

describe('video items in the store', () => {
  it('adds video items from intake with their probe info', async () => {
    const { store, video, image } = await videoProject();
    expect(video).toMatchObject({ kind: 'video', video: { frameCount: 120, fps: 30 } });
    expect(image.kind).toBe('image');
    expect((await store.getItem(video.id))?.video?.frameCount).toBe(120);
  });

  it('refuses a video intake row without probe info', async () => {
    const { store, project } = await videoProject();
    const { video: _dropped, ...bare } = videoRow;
    await expect(store.addItems(project.id, [{ ...bare, relPath: 'x.mp4' }])).rejects.toThrow(/x\.mp4 is a video without probe info/);
  });

  it('keeps a box made into a track as one durable, undoable step across reopen', async () => {
    const name = freshDbName();
    const first = await videoProject(name);
    const doc = await first.store.openItem(first.video.id);
    const t = track(first.project.id, first.video.id, [10, 40]);
    doc.commit({ put: [], remove: [], video: { tracks: { put: [t], remove: [] } } }, { history: true, label: 'Make track' });
    expect(doc.getVideo().tracks).toEqual([t]);
    await doc.close();
    await first.store.close();

    const store = await openStore(name);
    const again = await store.openItem(first.video.id);
    expect(again.getVideo().tracks).toEqual([t]);
    expect(again.canUndo()).toBe(true);
    again.undo();
    expect(again.getVideo().tracks).toEqual([]);
    await again.whenDurable();
    expect(await store.db.tracks.count()).toBe(0);
    again.redo();
    await again.whenDurable();
    expect((await store.db.tracks.get('trk_1'))?.keyframes.map((k) => k.frame)).toEqual([10, 40]);
  });

  it('stores the shots result outside the history and segment edits inside it', async () => {
    const { store, video } = await videoProject();
    const doc = await store.openItem(video.id);
    const scores = Array.from({ length: 120 }, (_, f) => (f === 60 ? 1 : 0));
    const shots = [{ startFrame: 0, endFrame: 59, score: 0, tags: [] }, { startFrame: 60, endFrame: 119, score: 1, tags: [] }];
    doc.commit({ put: [], remove: [], video: { segments: { segments: shots, threshold: 0.3, scores } } }, { history: false, label: 'Shots' });
    expect(doc.canUndo()).toBe(false);
    const merged = [{ startFrame: 0, endFrame: 119, score: 0, tags: ['day'] }];
    doc.commit({ put: [], remove: [], video: { segments: { segments: merged, threshold: 0.3 } } }, { history: true, label: 'Merge shots' });
    await doc.whenDurable();
    expect(await store.db.segments.get(video.id)).toMatchObject({ segments: merged, threshold: 0.3, scores });
    doc.undo();
    await doc.whenDurable();
    expect((await store.db.segments.get(video.id))?.segments).toEqual(shots);
    const history = await store.db.history.where('itemId').equals(video.id).toArray();
    // The step holds the shots record only; the scene scores stay out of it.
    const [step] = readHistoryRows(history);
    expect(step?.undo.shots?.put[0]?.segments).toEqual(shots);
    expect(step?.undo.sceneScores).toBeUndefined();
  });

  it('rejects bad video changes before anything is applied, naming what is wrong', async () => {
    const { store, project, video, image } = await videoProject();
    const doc = await store.openItem(video.id);
    const unordered = { ...track(project.id, video.id, [10]), keyframes: [...track(project.id, video.id, [40, 10]).keyframes] };
    expect(() => doc.commit({ put: [], remove: [], video: { tracks: { put: [unordered], remove: [] } } }, { history: true, label: 'x' })).toThrow(/keyframes\[1\] frame 10 is not after frame 40/);
    const gap = [{ startFrame: 0, endFrame: 10, score: 0, tags: [] }, { startFrame: 12, endFrame: 119, score: 1, tags: [] }];
    expect(() => doc.commit({ put: [], remove: [], video: { segments: { segments: gap, threshold: 0.3 } } }, { history: true, label: 'x' })).toThrow(/segments\[1\] starts at frame 12/);
    expect(doc.getVideo().tracks).toEqual([]);
    expect(doc.canUndo()).toBe(false);
    const imageDoc = await store.openItem(image.id);
    expect(() => imageDoc.commit({ put: [], remove: [], video: { tracks: { put: [track(project.id, image.id, [0])], remove: [] } } }, { history: true, label: 'x' })).toThrow(/is an image/);
  });

  it('deletes a project with its tracks, tags and segments', async () => {
    const { store, project, video } = await videoProject();
    const doc = await store.openItem(video.id);
    doc.commit({ put: [], remove: [], video: { tracks: { put: [track(project.id, video.id, [0])], remove: [] }, segments: { segments: [{ startFrame: 0, endFrame: 119, score: 0, tags: [] }], threshold: 0.3, scores: [] } } }, { history: true, label: 'x' });
    await doc.close();
    await deleteProjectAndLabels(store, project.id);
    expect([await store.db.tracks.count(), await store.db.segments.count(), await store.db.history.count()]).toEqual([0, 0, 0]);
  });
});
