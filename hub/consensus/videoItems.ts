import type { VideoConsensusOptions } from '../../core/consensus/video/types';
import type { Queryable } from '../db/adapter';

/** A video item as consensus needs it: the frames the hub published, and its task's thresholds. */
export interface VideoItem {
  frameCount: number;
  fps: number;
  /** The task's video consensus thresholds as the requester gave them (tasks.consensus); unset ones take core's defaults. */
  options: VideoConsensusOptions;
}

/**
 * The video items among `itemIds` (items.video not null), with their task's
 * consensus thresholds. An id missing from the map is an image item (or
 * unknown): image consensus is unchanged.
 */
export async function loadVideoItems(db: Queryable, itemIds: readonly string[]): Promise<Map<string, VideoItem>> {
  if (itemIds.length === 0) return new Map();
  // unnest + join, as loadSubmissions: `= ANY($1)` over thousands of ids became a scan.
  const rows = await db.query<{ id: string; video: { frameCount: number; fps: number }; consensus: VideoConsensusOptions | null }>(
    `SELECT i.id, i.video, t.consensus FROM unnest($1::text[]) AS u(id) JOIN items i ON i.id = u.id JOIN tasks t ON t.id = i.task_id
     WHERE i.video IS NOT NULL`,
    [itemIds],
  );
  return new Map(rows.map((r) => [r.id, { frameCount: r.video.frameCount, fps: r.video.fps, options: r.consensus ?? {} }]));
}
