import { formVideoConsensus } from '../../core/consensus';
import { trackClusterSummary, videoAnnotatorAgreements } from '../consensus/decideVideoItem';
import type { StoredSubmission } from '../consensus/loadSubmissions';
import { videoSubmissionsOf } from '../consensus/submissionKinds';
import type { VideoItem } from '../consensus/videoItems';

/**
 * A disputed video item as a reviewer gets it: every submission with its
 * shapes AND video labels, and the consensus proposal recomputed by core
 * `formVideoConsensus` with the task's thresholds (deterministic, so it is
 * what consensus saw). Track clusters point into each submission's
 * `video.tracks` by index and carry the consensus track of an accepted one;
 * `disputedParts` says which of tracks, frame tags and segments fell short.
 */
export function videoDispute(itemId: string, subs: readonly StoredSubmission[], item: VideoItem) {
  const submissions = videoSubmissionsOf(itemId, subs);
  const proposal = formVideoConsensus(submissions, item.options);
  return {
    submissions: submissions.map((s) => ({ annotator: s.annotator, shapes: [...s.shapes], video: s.video })),
    proposal: {
      labels: proposal.labels.shapes,
      clusters: proposal.boxClusters,
      video: proposal.labels.video,
      trackClusters: proposal.trackClusters.map((c) => ({ ...trackClusterSummary(c), track: c.track })),
      disputedParts: proposal.disputedParts,
      score: proposal.score,
      scores: proposal.scores,
      annotators: videoAnnotatorAgreements(proposal),
      options: proposal.options,
    },
    video: { frameCount: item.frameCount, fps: item.fps },
  };
}
