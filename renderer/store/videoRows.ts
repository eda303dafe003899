import type { GroundworkDb } from './db';
import type { PendingWrites } from './pendingWrites';
import { EMPTY_VIDEO, type VideoState } from '../document/videoChange';
import { recordTypes, stamp, type RecordType } from '../../core/model/recordTypes';
import { readStored } from './storedRecords';

/**
 * A video item's tracks, frame tags and segments rows. Tracks and tags are
 * one row each (a track holds only its keyframes, so rows stay small); the
 * segments are one row per video. Writes come from the in-memory state of the
 * ids a batch touched, like shape buckets.
 */
export async function writeVideoRows(
  db: GroundworkDb,
  owner: { itemId: string; projectId: string },
  video: VideoState,
  batch: Pick<PendingWrites, 'trackIds' | 'frameTagIds' | 'segments'>,
): Promise<void> {
  await writeById(db.tracks, recordTypes.track, video.tracks, batch.trackIds);
  await writeById(db.frameTags, recordTypes.frameTag, video.frameTags, batch.frameTagIds);
  if (batch.segments) {
    if (video.segments) await db.segments.put(stamp(recordTypes.segments, { ...owner, ...video.segments }));
    else await db.segments.delete(owner.itemId);
  }
}

async function writeById<T extends { id: string }>(
  table: { bulkPut(rows: T[]): Promise<unknown>; bulkDelete(keys: string[]): Promise<unknown> },
  type: Pick<RecordType, 'currentVersion'>,
  rows: readonly T[],
  ids: ReadonlySet<string>,
): Promise<void> {
  if (ids.size === 0) return;
  const current = rows.filter((r) => ids.has(r.id)).map((r) => stamp(type, r));
  const present = new Set(current.map((r) => r.id));
  const gone = [...ids].filter((id) => !present.has(id));
  if (current.length > 0) await table.bulkPut(current);
  if (gone.length > 0) await table.bulkDelete(gone);
}

/** Reads a video item's state through the track, frame-tag and segments migrators; call inside a transaction over tracks, frameTags and segments. */
export async function readVideoRows(db: GroundworkDb, itemId: string): Promise<VideoState> {
  const [rawTracks, rawTags, rawSegments] = await Promise.all([
    db.tracks.where('itemId').equals(itemId).toArray(),
    db.frameTags.where('itemId').equals(itemId).toArray(),
    db.segments.get(itemId),
  ]);
  if (rawTracks.length === 0 && rawTags.length === 0 && !rawSegments) return EMPTY_VIDEO;
  const tracks = rawTracks.map((r) => readStored(recordTypes.track, r, `item ${itemId}, track ${r.id}`));
  const frameTags = rawTags.map((r) => readStored(recordTypes.frameTag, r, `item ${itemId}, frame tag ${r.id}`));
  const segments = rawSegments ? readStored(recordTypes.segments, rawSegments, `item ${itemId}, shots`) : undefined;
  tracks.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  frameTags.sort((a, b) => a.startFrame - b.startFrame || a.id.localeCompare(b.id));
  return { tracks, frameTags, segments: segments ? { segments: segments.segments, threshold: segments.threshold, scores: segments.scores } : null };
}

/** Removes every video row of a project (project deletion). */
export async function deleteProjectVideoRows(db: GroundworkDb, projectId: string): Promise<void> {
  await db.tracks.where('projectId').equals(projectId).delete();
  await db.frameTags.where('projectId').equals(projectId).delete();
  await db.segments.where('projectId').equals(projectId).delete();
}
