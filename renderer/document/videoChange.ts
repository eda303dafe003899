import type { FrameTag, Segment, Track } from '../../core/model/track';
import { SCENE_SCORES_ID, SHOTS_ID } from '../../core/model/shots';
import { EMPTY_RECORDS, type DocumentRecords } from '../../core/model/documentDiff';

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
