import type { ReviewCommand } from './reviewKeys';
import type { VideoReviewSession } from './videoReviewSession';

export interface VideoReviewCommandContext {
  /** R: let the next box drawn on this frame be a keyframe of the current track (the view switches the editor to its box tool). */
  startRedraw(index: number): void;
  /** Enter: open the sign-and-submit step. */
  submit(): void;
}

/**
 * Applies a reviewer-mode command to the current part of a video review:
 * A…G take that annotator's track, segmentation or frame tags, M the
 * consensus, X drop, R redraw, O outside from this frame, Tab the next part,
 * . , > < the frames. Returns false for what a video review does not use
 * (reasons, classes: the key goes on to the editor); a decision that cannot
 * be made throws the session's ReviewError.
 */
export function runVideoReviewCommand(session: VideoReviewSession, command: ReviewCommand, context: VideoReviewCommandContext): boolean {
  const index = session.currentIndex();
  switch (command.kind) {
    case 'step':
      session.next(command.by);
      return session.partCount > 0;
    case 'frame':
      session.stepFrame(command.by);
      return true;
    case 'toggle':
      session.toggleAnnotator(command.annotator);
      return command.annotator < session.annotators.length;
    case 'submit':
      context.submit();
      return true;
    case 'reason':
    case 'class':
      return false;
  }
  if (index < 0) return false;
  switch (command.kind) {
    case 'take':
      session.takeAnnotator(index, command.annotator);
      return true;
    case 'merged':
      session.takeMerged(index);
      return true;
    case 'drop':
      session.drop(index);
      return true;
    case 'outside':
      session.toggleOutside(index, session.currentFrame());
      return true;
    case 'redraw':
      context.startRedraw(index);
      return true;
  }
}
