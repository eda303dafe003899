import type { FrameTag, Segment, Track } from '../../core/model/track';
import { applyChange, byId, invertChange, restampChange, type RecordChange } from './recordChange';

/** A video's shot segmentation as the document holds it; `scores` is every frame's scene score (from the shots job). */
export interface SegmentsState {
  segments: Segment[];
  threshold: number;
  scores: number[];
}

/** The video part of a document: tracks (keyframes only), frame/range tags and the shot segments. */
export interface VideoState {
  tracks: readonly Track[];
  frameTags: readonly FrameTag[];
  /** Null until the shots pass ran for this video. */
  segments: SegmentsState | null;
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

export const EMPTY_VIDEO: VideoState = { tracks: [], frameTags: [], segments: null };

export function isEmptyVideoChange(change: VideoChange | undefined): boolean {
  if (!change) return true;
  const empty = (c: RecordChange<unknown> | undefined) => !c || (c.put.length === 0 && c.remove.length === 0);
  return empty(change.tracks) && empty(change.frameTags) && change.segments === undefined;
}

/** The state after `change`; untouched parts keep their identity. */
export function applyVideoChange(state: VideoState, change: VideoChange): VideoState {
  return {
    tracks: change.tracks ? applyChange(state.tracks, change.tracks) : state.tracks,
    frameTags: change.frameTags ? applyChange(state.frameTags, change.frameTags) : state.frameTags,
    segments: change.segments
      ? { segments: change.segments.segments, threshold: change.segments.threshold, scores: change.segments.scores ?? state.segments?.scores ?? [] }
      : state.segments,
  };
}

/** The change that takes the state after `change` back to `before`. */
export function invertVideoChange(before: VideoState, change: VideoChange): VideoChange {
  const inverse: VideoChange = {};
  if (change.tracks) inverse.tracks = invertChange(byId(before.tracks), change.tracks);
  if (change.frameTags) inverse.frameTags = invertChange(byId(before.frameTags), change.frameTags);
  if (change.segments) {
    const old = before.segments;
    inverse.segments = { segments: old?.segments ?? [], threshold: old?.threshold ?? change.segments.threshold };
    if (change.segments.scores) inverse.segments.scores = old?.scores ?? [];
  }
  return inverse;
}

/** Undo/redo of tracks are edits too: fresh version and time (see restampChange). */
export function restampVideoChange(change: VideoChange, current: VideoState, now: number): VideoChange {
  return change.tracks ? { ...change, tracks: restampChange(change.tracks, byId(current.tracks), now) } : change;
}
