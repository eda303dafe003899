import type { ConsensusCluster, ConsensusResult } from '../../core/consensus/types';
import type { VideoConsensusOptions } from '../../core/consensus/video/types';
import type { CanonicalTrack, CanonicalVideoLabels } from '../../core/sync/canonicalVideo';

/**
 * What is stored per decided item (items.consensus) and served by GET
 * /items/:id. Readers across the hub (task progress, reputation, epochs,
 * export) read `status`, `score`, `labels`, `annotators[].agreement` and
 * `agreeingAnnotators`: a video document carries all of them too.
 */
export interface StoredConsensus {
  status: 'accepted' | 'disputed';
  score: number;
  labels: ConsensusResult['labels'];
  annotators: { annotator: string; agreement: number; agreed: number; wrongClass: number; missed: number; extra: number }[];
  /** Annotators whose shapes agree with the final labels: they earn the item's reward. */
  agreeingAnnotators: string[];
  iouThreshold: number;
}

/** A video item's track cluster as stored and served: members point into each submission's `video.tracks`. */
export interface StoredTrackCluster {
  members: { annotator: string; trackIndex: number }[];
  votes: { className: string; count: number }[];
  accepted: boolean;
  meanTrackIou: number;
  /** A disputed item's only: the consensus track of an accepted cluster (null otherwise), the reviewer's proposal. */
  track?: CanonicalTrack | null;
}

/**
 * A video item's decision (core `formVideoConsensus`). `labels` are its
 * single-frame boxes, `video` its tracks, frame tags and segments: final
 * labels are `{ labels, video }`, hashed as core `itemLabelHash(id, labels,
 * video)`. `score` is the least of the three part scores and an annotator's
 * `agreement` the least of their IDF1, tag and segment agreement, so a video
 * item is only as agreed as its weakest part; `agreed`…`extra` count the
 * single-frame boxes as on images. `iouThreshold` is the per-frame IoU
 * (`options.frameIouThreshold`).
 */
export interface StoredVideoConsensus extends StoredConsensus {
  kind: 'video';
  video: CanonicalVideoLabels;
  /** Mean annotator IDF1, tag agreement and segment agreement. */
  scores: { tracks: number; frameTags: number; segments: number };
  /** Which parts fell below their thresholds (empty when accepted). */
  disputedParts: ('tracks' | 'frameTags' | 'segments')[];
  annotators: (StoredConsensus['annotators'][number] & { idf1: number; tagAgreement: number; segmentAgreement: number })[];
  trackClusters: StoredTrackCluster[];
  /**
   * A disputed item's only: the single-frame box clusters, for the reviewer. Stored with the decision so
   * GET /disputes never recomputes video consensus (seconds of CPU for a long clip) on a request.
   */
  clusters?: ConsensusCluster[];
  /** The thresholds this item was decided with (the task's, defaults filled in). */
  options: Required<VideoConsensusOptions>;
}

/** Either kind of decision, as items.consensus holds it before a verdict. */
export type StoredItemConsensus = StoredConsensus | StoredVideoConsensus;

export const isVideoConsensus = (doc: StoredItemConsensus): doc is StoredVideoConsensus => (doc as StoredVideoConsensus).kind === 'video';
