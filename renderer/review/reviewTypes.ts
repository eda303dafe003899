import type { AttributeValue } from '../../core/model/labelSchema';
import type { Box } from '../../core/model/shape';
import type { VerdictReason } from '../../electron/common/services/hubReviewSchemas';

export type { VerdictReason };

/** What the reviewer took for one object. */
export type ObjectChoice =
  /** Nothing yet: an object without a quorum waits for a decision. */
  | { kind: 'undecided' }
  /** That annotator's shape as drawn. */
  | { kind: 'annotator'; annotator: string }
  /** The consensus' merged shape. */
  | { kind: 'merged' }
  /** Redrawn (or moved/resized) by the reviewer, or an object the annotators missed. */
  | { kind: 'drawn'; box: Box; className: string; attributes?: Record<string, AttributeValue> }
  /** Not an object: no final label. */
  | { kind: 'drop' };

export interface ObjectDecision {
  choice: ObjectChoice;
  /** Class fix over the taken shape. */
  className?: string;
  /** Attribute fixes over the taken shape's attributes. */
  attributes?: Record<string, AttributeValue>;
  /** Set by the reviewer; otherwise derived from the decision (see `reasonOf`). */
  reason?: VerdictReason;
  /** An object none of the annotators drew, added by the reviewer. */
  added?: boolean;
}

/** The part of a review that is saved as a draft and undone step by step. */
export interface ReviewDraft {
  /** One per proposal object, in proposal order, then the objects the reviewer added. */
  decisions: ObjectDecision[];
}

/** The reasons a reviewer can pick with keys 1–4 (0 = ok), in key order. */
export const REASON_KEYS: readonly VerdictReason[] = ['ok', 'wrong_class', 'loose_box', 'missed_object', 'extra_object'];

export const REASON_LABELS: Record<VerdictReason, string> = {
  ok: 'ok',
  wrong_class: 'wrong class',
  loose_box: 'loose box',
  missed_object: 'missed object',
  extra_object: 'extra object',
};

/** A decision that cannot be made (an annotator who drew nothing there, an unknown object). */
export class ReviewError extends Error {
  override name = 'ReviewError';
}
