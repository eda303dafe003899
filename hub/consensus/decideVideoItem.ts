import { formVideoConsensus } from '../../core/consensus';
import type { TrackCluster, VideoConsensusResult } from '../../core/consensus/video/types';
import type { StoredSubmission } from './loadSubmissions';
import type { StoredTrackCluster, StoredVideoConsensus } from './storedConsensus';
import { videoAgreeingAnnotators, videoSubmissionsOf } from './submissionKinds';
import type { VideoItem } from './videoItems';

/** A track cluster without the members' tracks (they are in the submissions): what the reviewer needs to pair them up. */
export function trackClusterSummary(c: TrackCluster): StoredTrackCluster {
  return { members: c.members.map(({ annotator, trackIndex }) => ({ annotator, trackIndex })), votes: c.votes, accepted: c.accepted, meanTrackIou: c.meanTrackIou };
}

/** Per annotator: the three part agreements, their least as `agreement`, and the single-frame box counts. */
export function videoAnnotatorAgreements(result: VideoConsensusResult): StoredVideoConsensus['annotators'] {
  return result.annotators.map((a) => ({
    annotator: a.annotator,
    agreement: Math.min(a.idf1, a.tagAgreement, a.segmentAgreement),
    agreed: a.boxes.agreed,
    wrongClass: a.boxes.wrongClass,
    missed: a.boxes.missed,
    extra: a.boxes.extra,
    idf1: a.idf1,
    tagAgreement: a.tagAgreement,
    segmentAgreement: a.segmentAgreement,
  }));
}

/**
 * Decides one video item with its task's thresholds. Every submission must
 * carry video labels (InconsistentSubmissionError otherwise). Only an
 * accepted item has agreeing annotators; a disputed one waits for a verdict
 * and keeps its proposal's clusters for the reviewer (GET /disputes).
 */
export function decideVideoItem(itemId: string, subs: readonly StoredSubmission[], item: VideoItem): StoredVideoConsensus {
  const submissions = videoSubmissionsOf(itemId, subs);
  const result = formVideoConsensus(submissions, item.options);
  // What a reviewer needs beyond the summary is kept only while it can be needed: for a disputed item.
  const disputed = result.status === 'disputed';
  return {
    kind: 'video',
    status: result.status,
    score: result.score,
    scores: result.scores,
    disputedParts: result.disputedParts,
    labels: result.labels.shapes,
    video: result.labels.video,
    annotators: videoAnnotatorAgreements(result),
    agreeingAnnotators: result.status === 'accepted' ? videoAgreeingAnnotators(submissions, result.labels, item.options) : [],
    trackClusters: result.trackClusters.map((c) => (disputed ? { ...trackClusterSummary(c), track: c.track } : trackClusterSummary(c))),
    ...(disputed ? { clusters: result.boxClusters } : {}),
    iouThreshold: result.options.frameIouThreshold,
    options: result.options,
  };
}
