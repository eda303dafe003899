import { compareText, sortCanonicalShapes } from '../../core/sync/canonicalLabels';
import { normalizeVideoLabels } from '../../core/sync/canonicalVideo';
import { toCanonicalShapes } from '../../core/sync/fromProjectShapes';
import { toCanonicalVideo } from '../../core/sync/fromProjectVideo';
import { batchRootOfItems } from '../../core/sync/labelBatch';
import { newId } from '../../core/util/ids';
import type { BatchItem } from '../../electron/common/services/hubService';
import type { LabelStore } from '../store/labelStore';
import { readItemShapes } from '../store/shapeRows';
import { readProjectRow } from '../store/projectRows';
import { readVideoRows } from '../store/videoRows';
import type { OutboxRecord } from '../store/syncRecords';
import { itemDisplayName } from './hubItemNames';
import { downloadedTaskOf, hubTaskOfProject } from './hubTasks';
import type { BatchPayload, Outbox } from './outbox';
import { frameCountProblem } from './videoFrameCheck';

/** One signed batch carries at most this many items; more done items are left for the next submit. */
export const MAX_ITEMS_PER_SUBMIT = 1_000;

export class SubmitError extends Error {
  override name = 'SubmitError';
}

/**
 * "Submit": the done items of a downloaded hub task that are not in the
 * outbox yet, in core's canonical form (class names, rounded boxes, sorted),
 * written as ONE outbox record in the same transaction that read them, so a
 * batch never holds half an edit and no item is submitted twice.
 * Pre-labels still pending review are not the annotator's answer: skipped.
 *
 * A video item also carries its tracks, frame tags and shots, read in the
 * same transaction, with the frame count of this workstation's own probe.
 * Every keyframe of a done item is signed, auto-track's included: marking
 * the item done is the annotator's acceptance of what the timeline shows
 * (there is no per-keyframe review of tracks, unlike box pre-labels). A video
 * whose probe disagrees with the hub's frame count is never submitted
 * (videoFrameCheck.ts); the error names it when nothing else is left.
 */
export async function submitWorkUnit(store: LabelStore, outbox: Outbox, projectId: string, now: () => number = Date.now): Promise<OutboxRecord> {
  const { db } = store;
  const hubTask = await hubTaskOfProject(db, projectId);
  if (!hubTask) throw new SubmitError('this project was not downloaded from a hub: there is no task to submit to');
  const downloaded = downloadedTaskOf(hubTask);
  const assignedBySha = new Map(downloaded.items.map((i) => [i.sha256, i]));
  // Edits still in flight in open documents must be in IndexedDB before the transaction reads them.
  await Promise.all((await store.openDocuments(projectId)).map((doc) => doc.whenDurable()));

  const record = await db.transaction('rw', [db.projects, db.items, db.shapeBuckets, db.tracks, db.frameTags, db.segments, db.outbox], async () => {
    const project = readProjectRow(await db.projects.get(projectId));
    if (!project) throw new SubmitError(`project ${projectId} does not exist`);
    const submitted = new Set<string>();
    await db.outbox
      .where('projectId')
      .equals(projectId)
      .each((r) => {
        if (r.state !== 'rejected') for (const item of (r.payload as BatchPayload).items) submitted.add(item.itemId);
      });
    const done = (await db.items.where('[projectId+status]').equals([projectId, 'done']).toArray()).sort((a, b) => a.order - b.order);
    const items: BatchItem[] = [];
    const unsubmittable: string[] = [];
    for (const item of done) {
      const assigned = assignedBySha.get(item.sha256);
      if (!assigned || submitted.has(assigned.itemId)) continue;
      const problem = frameCountProblem(assigned, item);
      if (problem) {
        unsubmittable.push(problem);
        continue;
      }
      const { shapes } = await readItemShapes(db, item.id);
      const answered = shapes.filter((s) => s.prelabel?.review !== 'pending');
      try {
        const batchItem: BatchItem = { itemId: assigned.itemId, shapes: toCanonicalShapes(answered, project.labelSchema) };
        if (item.kind === 'video') {
          const { tracks, frameTags, segments } = await readVideoRows(db, item.id);
          batchItem.video = toCanonicalVideo({ frameCount: item.video!.frameCount, tracks, frameTags, segments: segments?.segments ?? null }, project.labelSchema);
        }
        items.push(batchItem);
      } catch (error) {
        throw new SubmitError(`${itemDisplayName(item)}: ${(error as Error).message}`);
      }
      if (items.length === MAX_ITEMS_PER_SUBMIT) break;
    }
    if (items.length === 0 && unsubmittable.length > 0) throw new SubmitError(`nothing to submit: ${unsubmittable.join('; ')}`);
    if (items.length === 0) throw new SubmitError('nothing to submit: mark labeled items as done first (items already in the outbox are not sent twice)');
    const row = newBatchRecord({ hubUrl: hubTask.hubUrl, projectId, taskId: hubTask.taskId, items }, now());
    await db.outbox.add(row);
    return row;
  });
  outbox.notify();
  return record;
}

/** A fresh, unsigned outbox record for these items: canonical order and the root they hash to. */
export function newBatchRecord(unit: { hubUrl: string; projectId: string; taskId: string; items: BatchItem[] }, at: number): OutboxRecord {
  const items = [...unit.items]
    .sort((a, b) => compareText(a.itemId, b.itemId))
    .map((i): BatchItem => (i.video ? { itemId: i.itemId, shapes: sortCanonicalShapes(i.shapes), video: normalizeVideoLabels(i.video) } : { itemId: i.itemId, shapes: sortCanonicalShapes(i.shapes) }));
  const payload: BatchPayload = { items, root: batchRootOfItems(items) };
  return { id: newId('obx_'), kind: 'batch', hubUrl: unit.hubUrl, projectId: unit.projectId, taskId: unit.taskId, payload, state: 'pending', attempts: 0, nextAttemptAt: at, createdAt: at, updatedAt: at };
}
