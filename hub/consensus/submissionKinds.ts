import { videoAgreesWith } from '../../core/consensus';
import type { Submission } from '../../core/consensus/types';
import type { VideoConsensusOptions, VideoLabels, VideoSubmission } from '../../core/consensus/video/types';
import type { StoredSubmission } from './loadSubmissions';

/**
 * A submission whose kind does not match its item: video labels on an image
 * item, or an image-only submission on a video item. Ingest refuses both
 * (hub/batches), so this means the stored data is inconsistent; it is never
 * dropped silently, because a dropped submission would change who agrees and
 * who is paid.
 */
export class InconsistentSubmissionError extends Error {
  constructor(
    readonly itemId: string,
    readonly annotator: string,
    why: string,
  ) {
    super(`item ${itemId}: the submission of ${annotator} ${why}: stored data is inconsistent`);
  }
}

/** The submissions of a video item, each with its video part (throws on one without). */
export function videoSubmissionsOf(itemId: string, subs: readonly StoredSubmission[]): VideoSubmission[] {
  return subs.map((s) => {
    if (!s.video) throw new InconsistentSubmissionError(itemId, s.annotator, 'carries no video labels, but the item is a video');
    return { annotator: s.annotator, shapes: s.shapes, video: s.video };
  });
}

/** The submissions of an image item (throws on one with video labels). */
export function imageSubmissionsOf(itemId: string, subs: readonly StoredSubmission[]): Submission[] {
  return subs.map((s) => {
    if (s.video) throw new InconsistentSubmissionError(itemId, s.annotator, 'carries video labels, but the item is an image');
    return { annotator: s.annotator, shapes: s.shapes };
  });
}

/** Annotators whose video labels agree with the final ones (consensus or a verdict): they earn the item's reward. Sorted. */
export function videoAgreeingAnnotators(subs: readonly VideoSubmission[], final: VideoLabels, options: VideoConsensusOptions): string[] {
  return subs
    .filter((s) => videoAgreesWith({ shapes: [...s.shapes], video: s.video }, final, options))
    .map((s) => s.annotator)
    .sort();
}
