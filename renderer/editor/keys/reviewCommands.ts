import { VERDICT_REASONS, type VerdictReason } from '../../../core/hubApi/verdicts';
import type { KeyCommand } from './keyCommand';

/** Annotators reachable by letter: A–G (later letters are other commands or the editor's). */
export const ANNOTATOR_KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;
export type AnnotatorLetter = (typeof ANNOTATOR_KEYS)[number];
type Visibility = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export type ReviewCommandId =
  | `review.take.${AnnotatorLetter}`
  | 'review.merged'
  | 'review.drop'
  | 'review.redraw'
  | 'review.next'
  | 'review.prev'
  | `review.reason.${VerdictReason}`
  | 'review.classPrev'
  | 'review.classNext'
  | `review.toggle.${Visibility}`
  | 'review.outside'
  | 'review.frameNext'
  | 'review.framePrev'
  | 'review.frameForward'
  | 'review.frameBack'
  | 'review.submit';

/** Reviewer keys shadow the editor's where they share one (a digit is a reason here, not a class): see when.ts. */
const WHEN = 'editor && review';
const VISIBILITY: readonly Visibility[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

const review = (id: ReviewCommandId, description: string, group: string, keys: string[], repeatable = false): KeyCommand<ReviewCommandId> => ({ id, description, group, when: WHEN, keys, repeatable });

/**
 * Reviewer mode's commands (renderer/review/reviewKeys.ts runs them). What
 * they leave alone goes on to the editor: pan, zoom, undo, N for an object
 * the annotators missed, Esc. Digit n is the n-th verdict reason.
 */
export const reviewCommands: readonly KeyCommand<ReviewCommandId>[] = [
  ...ANNOTATOR_KEYS.map((k) => review(`review.take.${k}`, `Take annotator ${k.toUpperCase()}'s shape (video: track, segments or frame tags)`, 'Decide', [k])),
  review('review.merged', 'Take the merged shape', 'Decide', ['m']),
  review('review.drop', 'Drop the object (not an object)', 'Decide', ['x']),
  review('review.redraw', 'Redraw the object (drag a box; video: a keyframe of the track)', 'Decide', ['r']),
  review('review.classPrev', 'Previous class for the object', 'Decide', ['[']),
  review('review.classNext', 'Next class for the object', 'Decide', [']']),
  ...VERDICT_REASONS.map((reason, n) => review(`review.reason.${reason}`, `Reason: ${reason.replace('_', ' ')}`, 'Reasons', [String(n)])),
  review('review.next', 'Next object (video: next track, segments or frame tags)', 'Objects', ['tab'], true),
  review('review.prev', 'Previous object (video: previous part)', 'Objects', ['shift+tab'], true),
  ...VISIBILITY.map((n) => review(`review.toggle.${n}`, `Show or hide annotator ${n}'s shapes (video: tracks and lane)`, 'Objects', [`shift+${n}`])),
  review('review.submit', 'Sign and submit the verdict', 'Objects', ['enter']),
  // Video items (F/D/V/C are annotator letters here, so frames move on . , > <).
  review('review.outside', "Video: the track's object leaves / comes back from this frame on", 'Decide', ['o']),
  review('review.frameNext', 'Video: next frame', 'Frames', ['.'], true),
  review('review.framePrev', 'Video: previous frame', 'Frames', [','], true),
  review('review.frameForward', 'Video: 10 frames forward', 'Frames', ['>'], true),
  review('review.frameBack', 'Video: 10 frames back', 'Frames', ['<'], true),
];
