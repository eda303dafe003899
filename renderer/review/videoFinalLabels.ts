import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import { normalizeVideoLabels, type CanonicalFrameTag, type CanonicalSegment, type CanonicalTrack, type CanonicalVideoLabels } from '../../core/sync/canonicalVideo';
import type { ObjectReason } from '../../electron/common/services/hubReviewSchemas';
import { ReviewError, type VerdictReason } from './reviewTypes';
import type { VideoPart } from './videoReviewObjects';
import { PART_TITLES } from './videoReviewObjects';
import type { VideoChoice, VideoReviewDraft } from './videoReviewTypes';

/** "track 2", "segments", "frame tags": how messages and the panel name a part. */
export function partName(parts: readonly VideoPart[], index: number): string {
  const part = parts[index];
  if (!part) return `part ${index + 1}`;
  return part.kind === 'track' ? `track ${parts.slice(0, index + 1).filter((p) => p.kind === 'track').length}` : PART_TITLES[part.kind];
}

/** The track a decision ends with (null: dropped or undecided). */
export function finalTrackOf(part: VideoPart & { kind: 'track' }, choice: VideoChoice): CanonicalTrack | null {
  switch (choice.kind) {
    case 'undecided':
    case 'drop':
      return null;
    case 'merged':
      return part.merged;
    case 'drawn':
      return choice.track;
    case 'annotator':
      return part.members.find((m) => m.annotator === choice.annotator)?.track ?? null;
  }
}

/** The segments or frame tags a decision ends with (drop: none). */
function finalListOf<T>(part: { byAnnotator: Record<string, T[]>; merged: T[] }, choice: VideoChoice): T[] {
  if (choice.kind === 'merged') return part.merged;
  if (choice.kind === 'annotator') return part.byAnnotator[choice.annotator] ?? [];
  return [];
}

export function finalSegmentsOf(part: VideoPart & { kind: 'segments' }, choice: VideoChoice): CanonicalSegment[] {
  return finalListOf(part, choice);
}

export function finalFrameTagsOf(part: VideoPart & { kind: 'frameTags' }, choice: VideoChoice): CanonicalFrameTag[] {
  return finalListOf(part, choice);
}

/** Dropped track = extra object, redrawn = loose box, anything else ok (segments and tags are always ok: there is no reason for them). */
export function videoReasonOf(part: VideoPart, choice: VideoChoice): VerdictReason {
  if (part.kind !== 'track') return 'ok';
  if (choice.kind === 'drop') return 'extra_object';
  if (choice.kind === 'drawn') return 'loose_box';
  return 'ok';
}

export function unresolvedParts(draft: VideoReviewDraft): number[] {
  return draft.decisions.flatMap((c, i) => (c.kind === 'undecided' ? [i] : []));
}

/**
 * The verdict's content for a video item: its single-frame boxes (the
 * local consensus's, which the review does not decide; the session refuses
 * to sign when they are disputed), the final tracks, segments
 * and frame tags in canonical form over the dispute's frame count, and one
 * reason per part. Refused while a part is undecided or the labels would not
 * be a valid canonical form.
 */
export function videoVerdictContent(
  parts: readonly VideoPart[],
  draft: VideoReviewDraft,
  frameCount: number,
  frameBoxes: readonly CanonicalShape[],
): { shapes: CanonicalShape[]; video: CanonicalVideoLabels; reasons: ObjectReason[] } {
  const open = unresolvedParts(draft);
  if (open.length > 0) throw new ReviewError(`decide every part first: ${open.map((i) => partName(parts, i)).join(', ')} still open`);
  const video: CanonicalVideoLabels = { frameCount, tracks: [], frameTags: [], segments: [] };
  const reasons: ObjectReason[] = [];
  parts.forEach((part, index) => {
    const choice = draft.decisions[index]!;
    reasons.push({ index, reason: videoReasonOf(part, choice) });
    if (part.kind === 'track') {
      const track = finalTrackOf(part, choice);
      if (track) video.tracks.push(track);
    } else if (part.kind === 'segments') video.segments = finalSegmentsOf(part, choice);
    else video.frameTags = finalFrameTagsOf(part, choice);
  });
  try {
    return { shapes: [...frameBoxes], video: normalizeVideoLabels(video), reasons };
  } catch (e) {
    throw new ReviewError(`these final labels are not valid: ${(e as Error).message}`);
  }
}
