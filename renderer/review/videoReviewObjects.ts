import { formVideoConsensus } from '../../core/consensus/video';
import type { VideoConsensusOptions, VideoConsensusResult } from '../../core/consensus/video/types';
import { TaskConsensusOptionsSchema } from '../../core/hubApi/tasks';
import type { CanonicalFrameTag, CanonicalSegment, CanonicalTrack, CanonicalVideoLabels } from '../../core/sync/canonicalVideo';
import type { Dispute } from '../../electron/common/services/hubReviewSchemas';
import { annotatorsOf } from './reviewObjects';
import type { VideoPartKind } from './videoReviewTypes';

/** One annotator's take on a part: a track, a segmentation (with its tags) or a set of frame tags. */
export interface TrackMember {
  annotator: string;
  /** Index into that annotator's submitted `video.tracks`. */
  trackIndex: number;
  track: CanonicalTrack;
}

/**
 * A decidable part of a disputed video item: a track cluster (tracks of
 * different annotators taken to be one object), the segmentation, or the
 * frame tags. `merged` is the consensus (the cluster's consensus track,
 * the proposal's segments or frame tags). `accepted`: the part starts
 * decided as the proposal has it; a track cluster's `inProposal` says
 * whether that is its merged track (consensus accepted the cluster) or no
 * track at all.
 */
export type VideoPart =
  | { kind: 'track'; members: TrackMember[]; merged: CanonicalTrack; accepted: boolean; inProposal: boolean }
  | { kind: 'segments'; byAnnotator: Record<string, CanonicalSegment[]>; merged: CanonicalSegment[]; accepted: boolean }
  | { kind: 'frameTags'; byAnnotator: Record<string, CanonicalFrameTag[]>; merged: CanonicalFrameTag[]; accepted: boolean };

/** A cluster of tracks before the merged track is known: members by annotator and track index. */
export interface TrackClusterRef {
  members: readonly { annotator: string; trackIndex: number }[];
  accepted: boolean;
  /** The consensus track when the consensus formed one. */
  track?: CanonicalTrack | null;
}

/** What the review needs of video consensus (core/consensus/video): clusters of a dispute's tracks, and one merged track of given members. */
export interface VideoMerging {
  /** `options`: the task's thresholds when they pass the hub's own schema (localConsensusOptions), else the defaults. */
  clusters(submissions: readonly { annotator: string; video: CanonicalVideoLabels }[], options?: VideoConsensusOptions): TrackClusterRef[];
  mergedTrack(members: readonly TrackMember[], frameCount: number): CanonicalTrack;
}

export function isVideoDispute(dispute: Pick<Dispute, 'video'>): dispute is Dispute & { video: { frameCount: number; fps: number } } {
  return !!dispute.video;
}

function videoOf(dispute: Dispute, annotator: string): CanonicalVideoLabels | undefined {
  return dispute.submissions.find((s) => s.annotator === annotator)?.video;
}

/** The task's consensus thresholds when the proposal carries ones the hub itself would accept (TaskConsensusOptionsSchema); else the defaults. */
export function localConsensusOptions(dispute: Dispute): VideoConsensusOptions {
  const parsed = TaskConsensusOptionsSchema.safeParse((dispute.proposal as { options?: unknown }).options);
  return parsed.success ? parsed.data : {};
}

/**
 * Video consensus formed here from the annotators' submissions: the hub's
 * proposal (its track clusters, tracks, video labels, disputed parts and
 * frame boxes) is never trusted for anything that gets signed.
 */
export function localVideoConsensus(dispute: Dispute & { video: { frameCount: number } }): VideoConsensusResult {
  const { frameCount } = dispute.video;
  const submissions = annotatorsOf(dispute).map((annotator) => {
    const s = dispute.submissions.find((x) => x.annotator === annotator);
    return { annotator, shapes: s?.shapes ?? [], video: s?.video ?? { frameCount, tracks: [], frameTags: [], segments: [] } };
  });
  return formVideoConsensus(submissions, localConsensusOptions(dispute));
}

/**
 * The parts of a disputed video item in review order: the track clusters,
 * then the segmentation and the frame tags when any annotator made some —
 * all formed here from the submissions (localVideoConsensus and the
 * merging's clusters), never the hub's proposal. Accepted track clusters,
 * and every part of a kind the local consensus did not dispute, start as it
 * has them.
 */
export function videoParts(dispute: Dispute, merging: VideoMerging, consensus?: VideoConsensusResult): VideoPart[] {
  if (!isVideoDispute(dispute)) throw new Error(`item ${dispute.itemId} is not a video item`);
  const { frameCount } = dispute.video;
  const annotators = annotatorsOf(dispute);
  const submissions = annotators.map((annotator) => ({ annotator, video: videoOf(dispute, annotator) ?? { frameCount, tracks: [], frameTags: [], segments: [] } }));
  // Formed here, never taken from the hub: which kinds are disputed, the clusters, the merged segments and frame tags.
  const local = consensus ?? localVideoConsensus(dispute);
  const disputed = new Set<string>(local.disputedParts);
  const open = (kind: 'tracks' | 'segments' | 'frameTags') => disputed.has(kind);

  const refs: TrackClusterRef[] = merging.clusters(submissions, localConsensusOptions(dispute));
  const parts: VideoPart[] = refs.map((ref, i) => {
    const members = ref.members.map((m): TrackMember => {
      const track = videoOf(dispute, m.annotator)?.tracks[m.trackIndex];
      if (!track) throw new Error(`track cluster ${i + 1} names track ${m.trackIndex} of ${m.annotator}, who submitted no such track`);
      return { annotator: m.annotator, trackIndex: m.trackIndex, track };
    });
    members.sort((a, b) => annotators.indexOf(a.annotator) - annotators.indexOf(b.annotator));
    // An accepted cluster starts as its merged track; one without a quorum waits, unless the tracks were not disputed (then, as in the proposal, it has no track).
    return { kind: 'track', members, merged: ref.track ?? merging.mergedTrack(members, frameCount), accepted: ref.accepted || !open('tracks'), inProposal: ref.accepted };
  });

  const proposal = local.labels.video;
  if (submissions.some((s) => s.video.segments.length > 0)) {
    const byAnnotator = Object.fromEntries(submissions.map((s) => [s.annotator, s.video.segments]));
    parts.push({ kind: 'segments', byAnnotator, merged: proposal.segments, accepted: !open('segments') });
  }
  if (submissions.some((s) => s.video.frameTags.length > 0)) {
    const byAnnotator = Object.fromEntries(submissions.map((s) => [s.annotator, s.video.frameTags]));
    parts.push({ kind: 'frameTags', byAnnotator, merged: proposal.frameTags, accepted: !open('frameTags') });
  }
  return parts;
}

/** Whether annotator `who` has something to take for this part (a track in the cluster; segments and tags: any submission, even an empty one). */
export function annotatorHas(part: VideoPart, who: string): boolean {
  return part.kind === 'track' ? part.members.some((m) => m.annotator === who) : who in part.byAnnotator;
}

export const PART_TITLES: Record<VideoPartKind, string> = { track: 'track', segments: 'segments', frameTags: 'frame tags' };
