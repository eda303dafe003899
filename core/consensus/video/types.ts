import type { CanonicalShape } from '../../sync/canonicalLabels';
import type { CanonicalTrack, CanonicalVideoLabels } from '../../sync/canonicalVideo';
import type { AnnotatorAgreement, ConsensusCluster } from '../types';

/** One annotator's labels of one video item: single-frame boxes and the video part. */
export interface VideoSubmission {
  annotator: string;
  shapes: readonly CanonicalShape[];
  video: CanonicalVideoLabels;
}

/** The labels a video item ends with (consensus or a reviewer's verdict). */
export interface VideoLabels {
  shapes: CanonicalShape[];
  video: CanonicalVideoLabels;
}

/**
 * Every threshold of video consensus; a task may set any of them
 * (core/hubApi/tasks.ts `consensus`), the rest take these defaults. The
 * README of this folder says why each default is what it is.
 */
export interface VideoConsensusOptions {
  /** Two tracks of different annotators can be one object only when their track IoU (mean per-frame IoU over the frames either is visible) is at least this. */
  trackIouThreshold?: number;
  /** A frame of a matched track is a hit (IDF1's true positive) at this per-frame IoU or more. */
  frameIouThreshold?: number;
  /** A track cluster, a frame tag on a frame, a segment boundary or a segment tag needs MORE than this share of ALL the item's annotators. */
  quorumShare?: number;
  /** The tracks (and single-frame boxes) are accepted when the mean annotator IDF1 is at least this. */
  trackAcceptance?: number;
  /** Frame tags are accepted when the mean annotator per-frame tag agreement is at least this. */
  tagAcceptance?: number;
  /** Two segment boundaries are one boundary when they are at most this many frames apart. */
  boundaryTolerance?: number;
  /** Segments are accepted when the mean annotator boundary-and-tag agreement is at least this. */
  segmentAcceptance?: number;
  /** Reducing the consensus track to keyframes: a frame becomes a keyframe where interpolation would be off by more than this many pixels. */
  keyframeTolerance?: number;
}

export const DEFAULT_VIDEO_CONSENSUS_OPTIONS: Required<VideoConsensusOptions> = {
  trackIouThreshold: 0.5,
  frameIouThreshold: 0.5,
  quorumShare: 0.5,
  trackAcceptance: 0.6,
  tagAcceptance: 0.8,
  boundaryTolerance: 5,
  segmentAcceptance: 0.8,
  keyframeTolerance: 1,
};

/** Tracks of different annotators taken to be one object (at most one per annotator). */
export interface TrackCluster {
  /** In annotator order; `trackIndex` points into that annotator's submitted `video.tracks`. */
  members: { annotator: string; trackIndex: number; track: CanonicalTrack }[];
  votes: { className: string; count: number }[];
  accepted: boolean;
  /** The consensus track of an accepted cluster, else null. */
  track: CanonicalTrack | null;
  /** Mean pairwise track IoU among the members (1 for a cluster of one). */
  meanTrackIou: number;
}

export interface VideoAnnotatorAgreement {
  annotator: string;
  /** IDF1 of the annotator's tracks and frame boxes against the consensus tracks and boxes, per frame box: 2·IDTP / (2·IDTP + IDFP + IDFN); 1 when both are empty. */
  idf1: number;
  idtp: number;
  idfp: number;
  idfn: number;
  /** Jaccard of the annotator's (frame, tag) pairs and the consensus ones; 1 when both are empty. */
  tagAgreement: number;
  /** F1 of segment boundaries within the tolerance, times the share of consensus segments whose tags the annotator's covering segment has exactly; 1 when both have none. */
  segmentAgreement: number;
  /** Image-style agreement over single-frame boxes (per frame), as core/consensus's AnnotatorAgreement. */
  boxes: Omit<AnnotatorAgreement, 'annotator'>;
}

export interface VideoConsensusResult {
  status: 'accepted' | 'disputed';
  /** Which parts fell below their thresholds (empty when accepted). */
  disputedParts: ('tracks' | 'frameTags' | 'segments')[];
  /** Mean annotator IDF1, tag agreement and segment agreement. */
  scores: { tracks: number; frameTags: number; segments: number };
  /** min of the three scores: one number for dashboards and reputation. */
  score: number;
  /** The consensus labels: final if accepted, the reviewer's proposal if disputed. Normalized canonical form. */
  labels: VideoLabels;
  trackClusters: TrackCluster[];
  /** Single-frame boxes clustered per frame as on images. */
  boxClusters: ConsensusCluster[];
  annotators: VideoAnnotatorAgreement[];
  options: Required<VideoConsensusOptions>;
}
