import type { Shape } from './shape';
import type { FrameTag, Segment, Track } from './track';
import { SCENE_SCORES_ID, SHOTS_ID } from './shots';
import type { DocumentDiff, RecordChange } from './documentDiff';

/**
 * The form in which the editor, review and tests propose one step: shapes
 * put or removed, and for video items a `video` part. It is converted to a
 * DocumentDiff (diffOfChange) before anything is applied, so there is one
 * apply, one invert and one history over all record types. History rows
 * written before the diff existed hold this form too (historyEntry.ts).
 */
export interface ShapeChange {
  /** Shapes created or updated, in their new state. */
  put: Shape[];
  /** Ids removed. */
  remove: string[];
  /** Video items: track, frame-tag and segment changes made in the same step (one gesture = one undo step). */
  video?: VideoChange;
}

/**
 * The video part of one change. Segments are replaced whole (a split, merge
 * or re-cut rewrites the list); `scores` travels only with a new shots pass,
 * so undo steps of segment edits stay small.
 */
export interface VideoChange {
  tracks?: RecordChange<Track>;
  frameTags?: RecordChange<FrameTag>;
  segments?: { segments: Segment[]; threshold: number; scores?: number[] };
}

const touches = (c: RecordChange<unknown> | undefined): c is RecordChange<unknown> => !!c && (c.put.length > 0 || c.remove.length > 0);

/** The diff of a change: shapes → `shape`, tracks → `track`, tags → `frameTag`, segments → `shots` (+ `sceneScores` when scores came). */
export function diffOfChange(change: ShapeChange): DocumentDiff {
  const diff: DocumentDiff = {};
  if (touches(change)) diff.shape = { put: change.put, remove: change.remove };
  const video = change.video;
  if (!video) return diff;
  if (touches(video.tracks)) diff.track = video.tracks;
  if (touches(video.frameTags)) diff.frameTag = video.frameTags;
  if (video.segments) {
    diff.shots = { put: [{ id: SHOTS_ID, segments: video.segments.segments, threshold: video.segments.threshold }], remove: [] };
    if (video.segments.scores) diff.sceneScores = { put: [{ id: SCENE_SCORES_ID, scores: video.segments.scores }], remove: [] };
  }
  return diff;
}
