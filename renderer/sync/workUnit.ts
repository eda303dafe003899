import { compareText, sortCanonicalShapes } from '../../core/sync/canonicalLabels';
import { toCanonicalShapes } from '../../core/sync/fromProjectShapes';
import { batchRootOfItems } from '../../core/sync/labelBatch';
import { newId } from '../../core/util/ids';
import type { BatchItem } from '../../electron/common/services/hubService';
import type { LabelStore } from '../store/labelStore';
import { readItemShapes } from '../store/shapeRows';
import type { OutboxRecord } from '../store/syncRecords';
import { downloadedTaskOf, hubItemIdsBySha, hubTaskOfProject } from './hubTasks';
import type { BatchPayload, Outbox } from './outbox';

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
 */
export async function submitWorkUnit(store: LabelStore, outbox: Outbox, projectId: string, now: () => number = Date.now): Promise<OutboxRecord> {
  const { db } = store;
  const hubTask = await hubTaskOfProject(db, projectId);
  if (!hubTask) throw new SubmitError('this project was not downloaded from a hub: there is no task to submit to');
  const downloaded = downloadedTaskOf(hubTask);
  const hubIds = hubItemIdsBySha(downloaded);
  // Edits still in flight in open documents must be in IndexedDB before the transaction reads them.
  await Promise.all((await store.openDocuments(projectId)).map((doc) => doc.whenDurable()));

  const record = await db.transaction('rw', [db.projects, db.items, db.shapeBuckets, db.outbox], async () => {
    const project = await db.projects.get(projectId);
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
    for (const item of done) {
      const hubItemId = hubIds.get(item.sha256);
      if (!hubItemId || submitted.has(hubItemId)) continue;
      const { shapes } = await readItemShapes(db, item.id);
      const answered = shapes.filter((s) => s.prelabel?.review !== 'pending');
      let canonical;
      try {
        canonical = toCanonicalShapes(answered, project.labelSchema);
      } catch (error) {
        throw new SubmitError(`${item.relPath}: ${(error as Error).message}`);
      }
      items.push({ itemId: hubItemId, shapes: canonical });
      if (items.length === MAX_ITEMS_PER_SUBMIT) break;
    }
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
  const items = [...unit.items].sort((a, b) => compareText(a.itemId, b.itemId)).map((i) => ({ itemId: i.itemId, shapes: sortCanonicalShapes(i.shapes) }));
  const payload: BatchPayload = { items, root: batchRootOfItems(items) };
  return { id: newId('obx_'), kind: 'batch', hubUrl: unit.hubUrl, projectId: unit.projectId, taskId: unit.taskId, payload, state: 'pending', attempts: 0, nextAttemptAt: at, createdAt: at, updatedAt: at };
}
