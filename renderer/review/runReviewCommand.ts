import type { ReviewCommand } from './reviewKeys';
import type { ReviewSession } from './reviewSession';

export interface ReviewCommandContext {
  /** Class names in schema order, for [ and ]. */
  classNames: readonly string[];
  /** R: let the next drawn box replace the current object's box (the view switches the editor to its box tool). */
  startRedraw(index: number): void;
  /** Enter: open the sign-and-submit step. */
  submit(): void;
}

/**
 * Applies a reviewer-mode command to the current object. Returns false when
 * there is nothing to apply it to; a decision that cannot be made throws the
 * session's ReviewError (the view shows it).
 */
export function runReviewCommand(session: ReviewSession, command: ReviewCommand, context: ReviewCommandContext): boolean {
  const index = session.currentIndex();
  switch (command.kind) {
    case 'step':
      session.next(command.by);
      return session.objectCount > 0;
    case 'toggle':
      session.toggleAnnotator(command.annotator);
      return command.annotator < session.annotators.length;
    case 'submit':
      context.submit();
      return true;
    case 'frame':
    case 'outside':
      // Video keys: an image has no frames (the key goes on to the editor).
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
    case 'redraw':
      context.startRedraw(index);
      return true;
    case 'reason':
      session.setReason(index, command.reason);
      return true;
    case 'class': {
      const shape = session.finalShape(index);
      if (!shape || context.classNames.length === 0) return false;
      const at = context.classNames.indexOf(shape.className);
      const next = context.classNames[(((at < 0 ? 0 : at + command.by) % context.classNames.length) + context.classNames.length) % context.classNames.length]!;
      session.setClass(index, next);
      return true;
    }
  }
}
