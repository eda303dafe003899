import type { StoredSubmission } from '../consensus/loadSubmissions';
import type { StoredVideoConsensus } from '../consensus/storedConsensus';
import { videoSubmissionsOf } from '../consensus/submissionKinds';
import type { VideoItem } from '../consensus/videoItems';

/**
 * A disputed video item as a reviewer gets it: every submission with its
 * shapes AND video labels, and the consensus proposal as consensus stored it
 * (consensus/decideVideoItem.ts keeps a disputed item's clusters): read, not
 * recomputed, because video consensus over a long clip costs seconds of CPU
 * and a listing holds up to 500 items. Track clusters point into each
 * submission's `video.tracks` by index and carry the consensus track of an
 * accepted one; `disputedParts` says which of tracks, frame tags and
 * segments fell short.
 */
export function videoDispute(itemId: string, subs: readonly StoredSubmission[], item: VideoItem, doc: StoredVideoConsensus) {
  if (doc.kind !== 'video' || !doc.clusters) throw new Error(`item ${itemId} is a disputed video, but its stored consensus holds no video proposal: stored data is inconsistent`);
  return {
    submissions: videoSubmissionsOf(itemId, subs).map((s) => ({ annotator: s.annotator, shapes: [...s.shapes], video: s.video })),
    proposal: {
      labels: doc.labels,
      clusters: doc.clusters,
      video: doc.video,
      trackClusters: doc.trackClusters,
      disputedParts: doc.disputedParts,
      score: doc.score,
      scores: doc.scores,
      annotators: doc.annotators,
      options: doc.options,
    },
    video: { frameCount: item.frameCount, fps: item.fps },
  };
}
