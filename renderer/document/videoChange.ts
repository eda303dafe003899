import type { FrameTag, Segment, Track } from '../../core/model/track';
import { SCENE_SCORES_ID, SHOTS_ID } from '../../core/model/shots';
import { diffOfChange, type VideoChange } from '../../core/model/editChange';
import { EMPTY_RECORDS, isEmptyDiff, type DocumentRecords } from '../../core/model/documentDiff';
import { applyDiff, invertDiff, restampDiff } from './documentDiff';
import type { DocumentDiff } from './documentDiff';

export type { VideoChange } from '../../core/model/editChange';

/** A video's shot segmentation as the document holds it; `scores` is every frame's scene score (from the shots job). */
export interface SegmentsState {
  segments: Segment[];
  threshold: number;
  scores: number[];
}

/**
 * The video part of a document, a view of its track, frameTag, shots and
 * sceneScores records: tracks (keyframes only), frame/range tags and the
 * shot segments.
 */
export interface VideoState {
  tracks: readonly Track[];
  frameTags: readonly FrameTag[];
  /** Null until the shots pass ran for this video. */
  segments: SegmentsState | null;
}

export const EMPTY_VIDEO: VideoState = { tracks: [], frameTags: [], segments: null };

export function isEmptyVideoChange(change: VideoChange | undefined): boolean {
  return !change || isEmptyDiff(diffOfChange({ put: [], remove: [], video: change }));
}

/** The VideoState view of a document's records. */
export function videoStateOf(records: Pick<DocumentRecords, 'track' | 'frameTag' | 'shots' | 'sceneScores'>): VideoState {
  const shots = records.shots[0];
  const segments = shots ? { segments: shots.segments, threshold: shots.threshold, scores: records.sceneScores[0]?.scores ?? [] } : null;
  if (records.track.length === 0 && records.frameTag.length === 0 && !segments) return EMPTY_VIDEO;
  return { tracks: records.track, frameTags: records.frameTag, segments };
}

/** The records a VideoState stands for (no shapes). */
export function recordsOfVideo(video: VideoState): DocumentRecords {
  const s = video.segments;
  return {
    ...EMPTY_RECORDS,
    track: video.tracks,
    frameTag: video.frameTags,
    shots: s ? [{ id: SHOTS_ID, segments: s.segments, threshold: s.threshold }] : [],
    sceneScores: s ? [{ id: SCENE_SCORES_ID, scores: s.scores }] : [],
  };
}

const videoDiff = (change: VideoChange): DocumentDiff => diffOfChange({ put: [], remove: [], video: change });

/** The state after `change` (through the document diff; kept for callers of the video-only form). */
export function applyVideoChange(state: VideoState, change: VideoChange): VideoState {
  return videoStateOf(applyDiff(recordsOfVideo(state), videoDiff(change)));
}

/** The video-only form of a diff's tracks, tags and shots (a removed shots record reads as an empty list). */
function videoChangeOf(diff: DocumentDiff, threshold: number): VideoChange {
  const out: VideoChange = {};
  if (diff.track) out.tracks = diff.track;
  if (diff.frameTag) out.frameTags = diff.frameTag;
  if (diff.shots) {
    const shots = diff.shots.put[0];
    out.segments = { segments: shots?.segments ?? [], threshold: shots?.threshold ?? threshold };
    if (diff.sceneScores) out.segments.scores = diff.sceneScores.put[0]?.scores ?? [];
  }
  return out;
}

/** The change that takes the state after `change` back to `before` (through the document diff). */
export function invertVideoChange(before: VideoState, change: VideoChange): VideoChange {
  return videoChangeOf(invertDiff(recordsOfVideo(before), videoDiff(change)), change.segments?.threshold ?? 0);
}

/** Undo/redo of tracks are edits too: fresh version and time (see restampChange). */
export function restampVideoChange(change: VideoChange, current: VideoState, now: number): VideoChange {
  return videoChangeOf(restampDiff(videoDiff(change), recordsOfVideo(current), now), change.segments?.threshold ?? 0);
}
