import { describe, expect, it } from 'vitest';
import { canonicalItemLabels, itemLabelHash } from '../../core/sync/canonicalLabels';
import { batchRootOfItems } from '../../core/sync/labelBatch';
import type { AssignedItem } from '../../electron/common/services/hubService';
import type { IntakeItem } from '../store/labelStore';
import { boxShape, freshDbName, twoClassSchema } from '../store/testing/fixtures';
import { testStores } from '../store/testing/testStores';
import { nameHubItems } from './hubItemNames';
import { saveHubTask } from './hubTasks';
import { Outbox, batchPayloadOf } from './outbox';
import { SyncEngine } from './syncEngine';
import { scriptedHub } from './testing/scriptedHub';
import { HUB_URL } from './testing/syncFixture';
import { alwaysOnline } from './transport';
import { downloadedItemProblems, frameCountProblem } from './videoFrameCheck';
import { SubmitError, submitWorkUnit } from './workUnit';

const { openStore } = testStores();

const probe = { fps: 30, durationSec: 4, variableFrameRate: false, codec: 'h264', rotation: 0 };
const videoRow = (i: number, frameCount: number): IntakeItem => ({
  relPath: `${'c'.repeat(63)}${i}.mp4`,
  width: 320,
  height: 240,
  sha256: `${'c'.repeat(63)}${i}`,
  phash: 'b'.repeat(16),
  bytes: 5000,
  kind: 'video',
  video: { frameCount, ...probe },
});

/** A downloaded video task: the local probes found `local` frames per file, the hub announced `hub`. */
async function videoTask(local: number[], hub: number[]) {
  const store = await openStore(freshDbName());
  const project = await store.createProject('Video task', 'root-1', '/hub/task-v', twoClassSchema);
  const rows = local.map((n, i) => videoRow(i, n));
  const items = await store.addItems(project.id, rows);
  const assigned: AssignedItem[] = rows.map((r, i) => ({ itemId: `hub-v${i}`, sha256: r.sha256, fileName: `clip${i}.mp4`, width: 320, height: 240, video: { frameCount: hub[i]!, fps: 30 } }));
  await saveHubTask(store.db, {
    hubUrl: HUB_URL,
    taskId: 'task-v',
    projectId: project.id,
    title: 'Video task',
    task: { task: { taskId: 'task-v', title: 'Video task', labelSchema: twoClassSchema, redundancy: 1, rewardPerItem: '1000' }, items: assigned, rootId: 'root-1' },
    downloadedAt: 1,
  });
  await nameHubItems(store.db, project.id, assigned);
  return { store, project, items, outbox: new Outbox(store.db) };
}

/** What an annotator leaves on a video: a box on frame 4, a track (one auto-track keyframe, an outside one), a frame-range tag and tagged shots. */
async function labelVideo(store: Awaited<ReturnType<typeof videoTask>>['store'], projectId: string, itemId: string) {
  await store.importShapes(projectId, [{ ...boxShape(projectId, itemId, 'frame-box', 5.004), frame: 4 }]);
  await store.db.tracks.put({
    id: 'trk_1',
    projectId,
    itemId,
    classId: 'dog',
    attributes: { occluded: true },
    keyframes: [
      { frame: 0, box: { x: 10, y: 10, w: 40, h: 30 }, outside: false, source: 'human' },
      { frame: 30, box: { x: 60, y: 10, w: 40, h: 30 }, outside: false, source: 'model', score: 0.7 },
      { frame: 90, box: { x: 60, y: 10, w: 40, h: 30 }, outside: true, source: 'human' },
    ],
    author: 'me',
    createdAt: 1,
    updatedAt: 1,
    version: 1,
  });
  await store.db.frameTags.put({ id: 'tag_1', projectId, itemId, classId: 'cat', startFrame: 10, endFrame: 20, author: 'me', createdAt: 1 });
  await store.db.segments.put({ itemId, projectId, threshold: 0.3, scores: [], segments: [{ startFrame: 0, endFrame: 59, score: 0, tags: ['indoor'] }, { startFrame: 60, endFrame: 119, score: 0.8, tags: [] }] });
  await store.setItemStatus(itemId, 'done');
}

describe('submitting a video item', () => {
  it('gives one batch item whose leaf is the version-2 hash of its boxes, tracks, tags and shots, with the local frame count', async () => {
    const { store, project, items, outbox } = await videoTask([120], [120]);
    await labelVideo(store, project.id, items[0]!.id);

    const record = await submitWorkUnit(store, outbox, project.id);
    const payload = batchPayloadOf(record);
    expect(payload.items).toHaveLength(1);
    const [item] = payload.items;
    expect(item).toEqual({
      itemId: 'hub-v0',
      shapes: [{ className: 'cat', box: { x: 5, y: 10, w: 50, h: 40 }, frame: 4 }],
      video: {
        frameCount: 120,
        tracks: [
          {
            className: 'dog',
            attributes: { occluded: true },
            keyframes: [
              { frame: 0, box: { x: 10, y: 10, w: 40, h: 30 } },
              // auto-track's keyframe is part of the done item's answer; its source and score are not signed
              { frame: 30, box: { x: 60, y: 10, w: 40, h: 30 } },
              { frame: 90, box: { x: 60, y: 10, w: 40, h: 30 }, outside: true },
            ],
          },
        ],
        frameTags: [{ className: 'cat', startFrame: 10, endFrame: 20 }],
        segments: [{ startFrame: 0, endFrame: 59, tags: ['indoor'] }, { startFrame: 60, endFrame: 119 }],
      },
    });
    const leaf = itemLabelHash('hub-v0', item!.shapes, item!.video);
    expect(canonicalItemLabels('hub-v0', item!.shapes, item!.video)).toMatch(/^\{"v":2,"item":"hub-v0","frames":120,/);
    // One item: the root is its leaf.
    expect(payload.root).toBe(leaf);
    expect(payload.root).toBe(batchRootOfItems([item!]));
    expect(leaf).not.toBe(itemLabelHash('hub-v0', item!.shapes.map(({ frame: _f, ...s }) => s)));

    // The host signs what the outbox holds: the scripted hub recomputes the root from the same items.
    const hub = scriptedHub();
    const engine = new SyncEngine({ outbox, transport: hub.transport, connectivity: alwaysOnline });
    const { summary } = await engine.prepareSigning(record.id);
    expect(summary.root).toBe(leaf);
  });

  it('never submits a video whose probe disagrees with the hub frame count, and says which and why', async () => {
    const { store, project, items, outbox } = await videoTask([120, 100], [120, 120]);
    await labelVideo(store, project.id, items[1]!.id);
    await expect(submitWorkUnit(store, outbox, project.id)).rejects.toThrow(SubmitError);
    await expect(submitWorkUnit(store, outbox, project.id)).rejects.toThrow(/clip1\.mp4: the hub says this video has 120 frames, but this workstation's probe of the downloaded file finds 100/);
    expect(await store.db.outbox.count()).toBe(0);

    // The matching one goes; the other stays out of every batch.
    await labelVideo(store, project.id, items[0]!.id);
    const record = await submitWorkUnit(store, outbox, project.id);
    expect(batchPayloadOf(record).items.map((i) => i.itemId)).toEqual(['hub-v0']);
  });

  it('refuses labels past the end of the video, naming the item and the track, and writes nothing', async () => {
    const { store, project, items, outbox } = await videoTask([80], [80]);
    await labelVideo(store, project.id, items[0]!.id);
    await store.db.segments.delete(items[0]!.id);
    await expect(submitWorkUnit(store, outbox, project.id)).rejects.toThrow(/^clip0\.mp4: track trk_1: keyframes\[2\]\.frame is frame 90, but the video has 80 frames/);
    expect(await store.db.outbox.count()).toBe(0);
  });
});

describe('checking a download against what the hub says of it', () => {
  it('names each item whose file disagrees with the hub: another frame count, a video listed as an image, an image listed as a video', async () => {
    const { store, project } = await videoTask([120, 100], [120, 120]);
    const task = await store.db.hubTasks.get([HUB_URL, 'task-v']);
    const assigned = (task!.task as { items: AssignedItem[] }).items;
    expect(await downloadedItemProblems(store.db, project.id, assigned)).toEqual({
      'hub-v1': "clip1.mp4: the hub says this video has 120 frames, but this workstation's probe of the downloaded file finds 100; it cannot be submitted (the signed frame count must be the file's own) — tell the requester",
    });
    const asImage = { ...assigned[0]!, video: null };
    expect(frameCountProblem(asImage, { kind: 'video', video: { frameCount: 120, ...probe } })).toMatch(/^clip0\.mp4: the hub lists an image, but the downloaded file is a video \(120 frames\)/);
    expect(frameCountProblem(assigned[0]!, { kind: 'image' })).toMatch(/^clip0\.mp4: the hub lists a video of 120 frames, but the downloaded file is an image here/);
    expect(frameCountProblem(assigned[0]!, undefined)).toMatch(/no downloaded file of it could be opened/);
    expect(frameCountProblem(assigned[0]!, { kind: 'video', video: { frameCount: 120, ...probe } })).toBeNull();
  });
});
