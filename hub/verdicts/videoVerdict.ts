import { agreesWith, resolveVideoConsensusOptions } from '../../core/consensus';
import type { StoredSubmission } from '../consensus/loadSubmissions';
import { imageSubmissionsOf, videoAgreeingAnnotators, videoSubmissionsOf } from '../consensus/submissionKinds';
import type { VideoItem } from '../consensus/videoItems';
import { badRequest } from '../http/hubError';
import type { VerifiedVerdict } from './verifyVerdictBody';

/**
 * A verdict must be of its item's kind: video labels for a video item, with
 * the item's frame count (a reviewer cannot rule on frames the item does not
 * have, nor leave out frames it has), and none for an image. Refused with
 * 400 before anything is stored.
 */
export function checkVerdictKind(itemId: string, item: VideoItem | null, v: VerifiedVerdict): void {
  if (!item && v.video) throw badRequest('video_verdict_for_image', `item "${itemId}" is an image, but the verdict carries video labels: sign the shapes alone (canonical form version 1)`);
  if (item && !v.video) throw badRequest('image_verdict_for_video', `item "${itemId}" is a video of ${item.frameCount} frames, but the verdict carries no video labels: sign its tracks, frame tags and segments (canonical form version 2)`);
  if (item && v.video && v.video.frameCount !== item.frameCount) {
    throw badRequest('frame_count_mismatch', `the verdict's video.frameCount is ${v.video.frameCount}, but item "${itemId}" has ${item.frameCount} frames`);
  }
}

/**
 * The final labels a verdict gives its item and who agrees with them, as
 * stored in items.consensus. Image: `labels` (shapes) and `iouThreshold`, as
 * before. Video: `kind: 'video'`, `labels`, `video` (tracks, frame tags,
 * segments; the export reads them here) and the task's thresholds, agreement
 * by core `videoAgreesWith` with those thresholds. The hash of the final
 * labels is the verdict's `labelsHash`: `itemLabelHash(id, labels, video)`.
 */
export function verdictOutcome(itemId: string, item: VideoItem | null, v: VerifiedVerdict, subs: readonly StoredSubmission[], iouThreshold: number) {
  if (item && v.video) {
    const final = { shapes: v.shapes, video: v.video };
    const agreeingAnnotators = videoAgreeingAnnotators(videoSubmissionsOf(itemId, subs), final, item.options);
    const options = resolveVideoConsensusOptions(item.options);
    return { kind: 'video' as const, labels: v.shapes, video: v.video, agreeingAnnotators, iouThreshold: options.frameIouThreshold, options };
  }
  const agreeingAnnotators = imageSubmissionsOf(itemId, subs)
    .filter((s) => agreesWith(s.shapes, v.shapes, iouThreshold))
    .map((s) => s.annotator)
    .sort();
  return { labels: v.shapes, agreeingAnnotators, iouThreshold };
}
