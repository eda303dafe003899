import type { CanonicalTrack } from '../../core/sync/canonicalVideo';

/** What a video item's review decides, part by part: each track cluster, then the segmentation, then the frame tags. */
export type VideoPartKind = 'track' | 'segments' | 'frameTags';

/** What the reviewer took for one part. */
export type VideoChoice =
  /** Nothing yet: a part below its threshold waits for a decision. */
  | { kind: 'undecided' }
  /** That annotator's track (or segmentation with its tags, or frame tags) as signed. */
  | { kind: 'annotator'; annotator: string }
  /** The consensus: the merged track, the consensus segments or tags. */
  | { kind: 'merged' }
  /** Tracks only: the reviewer's own keyframes (a taken track edited on the canvas). */
  | { kind: 'drawn'; track: CanonicalTrack }
  /** Not an object (tracks), or none at all (no segments, no frame tags). */
  | { kind: 'drop' };

/** The saved, undoable part of a video review: one choice per part, in part order. */
export interface VideoReviewDraft {
  kind: 'video';
  /** `decisions`, as in an image draft: the stored reviewDraft record (core/model) is one type for both. */
  decisions: VideoChoice[];
  /** Which parts the decisions are for (videoPartsFingerprint): a saved draft resumes only over the same parts. */
  fingerprint?: string;
}

export function isVideoReviewDraft(draft: unknown): draft is VideoReviewDraft {
  return typeof draft === 'object' && draft !== null && (draft as { kind?: unknown }).kind === 'video' && Array.isArray((draft as { decisions?: unknown }).decisions);
}
