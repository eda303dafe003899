import { formVideoConsensus } from '../../core/consensus/video';
import { consensusTrack } from '../../core/consensus/video/consensusTrack';
import { trackPieces } from '../../core/consensus/video/pieces';
import { DEFAULT_VIDEO_CONSENSUS_OPTIONS } from '../../core/consensus/video/types';
import type { CanonicalTrack } from '../../core/sync/canonicalVideo';
import type { TrackMember, VideoMerging } from './videoReviewObjects';

/** The most voted class among the members (ties: the earliest annotator's). */
function topClass(members: readonly TrackMember[]): string {
  const votes = new Map<string, number>();
  for (const m of members) votes.set(m.track.className, (votes.get(m.track.className) ?? 0) + 1);
  const top = Math.max(...votes.values());
  return members.find((m) => votes.get(m.track.className) === top)!.track.className;
}

/**
 * Video consensus as the review uses it, all of it core/consensus/video's:
 * the clusters formVideoConsensus forms (when the hub sent none), and a
 * cluster's merged track — the consensus track built frame by frame from the
 * members (visible where most of them are, the median box), under their
 * most voted class. A cluster whose members are never visible together
 * falls back to its first member's track.
 */
export const coreVideoMerging: VideoMerging = {
  clusters(submissions, options) {
    const result = formVideoConsensus(
      submissions.map((s) => ({ annotator: s.annotator, shapes: [], video: s.video })),
      options,
    );
    return result.trackClusters.map((c) => ({ members: c.members.map((m) => ({ annotator: m.annotator, trackIndex: m.trackIndex })), accepted: c.accepted, track: c.track }));
  },
  mergedTrack(members, frameCount): CanonicalTrack {
    if (members.length === 0) throw new Error('a track cluster has no members');
    const className = topClass(members);
    const voters = members.filter((m) => m.track.className === className);
    const pieces = voters.map((m) => trackPieces(m.track, frameCount));
    return consensusTrack(className, voters[0]!.track.attributes, pieces, voters.length, 0.5, frameCount, DEFAULT_VIDEO_CONSENSUS_OPTIONS.keyframeTolerance) ?? voters[0]!.track;
  },
};
