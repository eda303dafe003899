import type { Project } from '../../core/model/project';
import { StoreError } from './errors';
import type { LabelStore } from './labelStore';
import { deleteProjectVideoRows } from './videoRows';
import { readProjectRow } from './projectRows';

/** Longer names stop fitting a project card or the top bar; the record itself allows 200. */
export const PROJECT_NAME_MAX = 120;

/** A project name as typed, trimmed and checked; `error` says what is wrong in words. */
export function checkProjectName(raw: string): { name: string; error: null } | { name: null; error: string } {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name === '') return { name: null, error: 'Give the project a name' };
  if (name.length > PROJECT_NAME_MAX) return { name: null, error: `A project name can be at most ${PROJECT_NAME_MAX} characters (this one has ${name.length})` };
  return { name, error: null };
}

export async function renameProject(store: LabelStore, projectId: string, raw: string): Promise<Project> {
  const checked = checkProjectName(raw);
  if (checked.error !== null) throw new StoreError(checked.error);
  const { db } = store;
  const renamed = await db.transaction('rw', db.projects, async () => {
    const project = readProjectRow(await db.projects.get(projectId));
    if (!project) throw new StoreError('This project no longer exists');
    const next = { ...project, name: checked.name, updatedAt: Date.now() };
    await db.projects.put(next);
    return next;
  });
  store.notify();
  return renamed;
}

/** What deleting a project would take with it: the confirmation shows these figures. */
export interface ProjectContents {
  images: number;
  videos: number;
  /** Boxes on images and frames, video tracks and frame tags: everything a person labeled. */
  labels: number;
  /** Signed batches or verdicts the hub has not accepted yet (pending or refused): deleting loses them. */
  unsynced: number;
  /** Batches being uploaded right now: deleting waits for these to finish. */
  uploading: number;
  /** Hub tasks this project holds (they can be downloaded again). */
  hubTasks: number;
}

export async function projectContents(store: LabelStore, projectId: string): Promise<ProjectContents> {
  const { db } = store;
  return db.transaction('r', [db.items, db.tracks, db.frameTags, db.outbox, db.hubTasks], async () => {
    const items = await db.items.where('projectId').equals(projectId).toArray();
    const outbox = await db.outbox.where('projectId').equals(projectId).toArray();
    const shapes = items.reduce((sum, i) => sum + (i.shapeCount ?? 0), 0);
    return {
      images: items.filter((i) => i.kind !== 'video').length,
      videos: items.filter((i) => i.kind === 'video').length,
      labels: shapes + (await db.tracks.where('projectId').equals(projectId).count()) + (await db.frameTags.where('projectId').equals(projectId).count()),
      unsynced: outbox.filter((r) => r.state === 'pending' || r.state === 'rejected').length,
      uploading: outbox.filter((r) => r.state === 'uploading').length,
      hubTasks: await db.hubTasks.where('projectId').equals(projectId).count(),
    };
  });
}

/**
 * Deletes a project and everything of it in ONE transaction: items, labels,
 * history, pre-label records, video rows, its outbox rows and hub tasks, and
 * its settings (pre-label choices, the remembered item and cameras; a
 * remembered view of it goes back to the project list, so a reload does not
 * look for it). Labels signed but not yet accepted by a hub are work that
 * exists nowhere else: they are deleted only with `discardUnsynced`, and an
 * upload in flight always refuses (the sync engine is writing that row).
 */
export async function deleteProjectAndLabels(store: LabelStore, projectId: string, options: { discardUnsynced?: boolean } = {}): Promise<void> {
  for (const doc of await store.openDocuments(projectId)) await doc.close();
  const { db } = store;
  const tables = [db.projects, db.items, db.shapeBuckets, db.history, db.prelabelRuns, db.prelabelJobs, db.prelabelTotals, db.prelabelItemCounts, db.tracks, db.frameTags, db.segments, db.outbox, db.hubTasks, db.settings];
  await db.transaction('rw', tables, async () => {
    if (!(await db.projects.get(projectId))) throw new StoreError('This project no longer exists');
    const outbox = await db.outbox.where('projectId').equals(projectId).toArray();
    if (outbox.some((r) => r.state === 'uploading')) throw new StoreError('Labels of this project are being uploaded right now; wait until the upload finishes, then delete');
    const unsynced = outbox.filter((r) => r.state === 'pending' || r.state === 'rejected').length;
    if (unsynced > 0 && !options.discardUnsynced) {
      throw new StoreError(`This project has ${unsynced} signed batch${unsynced === 1 ? '' : 'es'} not yet accepted by the hub; deleting would lose them`);
    }
    const itemIds = (await db.items.where('projectId').equals(projectId).primaryKeys()) as string[];
    await deleteProjectVideoRows(db, projectId);
    for (const table of [db.prelabelRuns, db.prelabelJobs, db.prelabelTotals, db.prelabelItemCounts, db.history, db.shapeBuckets, db.items, db.outbox, db.hubTasks]) {
      await table.where('projectId').equals(projectId).delete();
    }
    // Keys of prelabelRecords.ts and rememberedPlace.ts.
    await db.settings.bulkDelete([`prelabel:${projectId}`, `place:item:${projectId}`, ...itemIds.map((id) => `place:camera:${id}`)]);
    const view = (await db.settings.get('place:view'))?.value as { projectId?: unknown } | undefined;
    if (view?.projectId === projectId) await db.settings.put({ key: 'place:view', value: { name: 'projects' } });
    await db.projects.delete(projectId);
  });
  store.notify();
}
