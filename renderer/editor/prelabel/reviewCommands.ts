import type { Shape } from '../../../core/model/shape';
import type { LabeledChange } from '../editCommands';
import { edited, type EditStamp } from '../shapeEdits';

/**
 * Review of model pre-labels, as one-step changes. A pre-label is pending
 * until a person decides: Enter accepts it as predicted, Delete rejects it
 * (the shape goes), and editing its box, class or attributes first makes it
 * 'corrected'. Each returns the change with its undo label, or null.
 */
export function isPending(shape: Shape): boolean {
  return shape.prelabel?.review === 'pending';
}

/** Accepted by the auto-accept policy, not by a person (core/prelabel/autoAccept). */
export function isAutoAccepted(shape: Shape): boolean {
  return shape.prelabel?.decision === 'auto' && shape.prelabel.review === 'accepted';
}

function withReview(shape: Shape, review: 'accepted' | 'corrected'): Shape {
  return { ...shape, prelabel: { ...shape.prelabel!, review } };
}

export function acceptChange(selected: readonly Shape[], stamp: EditStamp): LabeledChange {
  const put = selected.filter(isPending).map((s) => edited(withReview(s, 'accepted'), {}, stamp));
  if (put.length === 0) return null;
  return { change: { put, remove: [] }, label: put.length === 1 ? 'Accept pre-label' : `Accept ${put.length} pre-labels` };
}

/** Every pending pre-label of the item whose score is at least `threshold`. */
export function acceptAllAboveChange(shapes: readonly Shape[], threshold: number, stamp: EditStamp): LabeledChange {
  const chosen = shapes.filter((s) => isPending(s) && s.prelabel!.score >= threshold);
  const labeled = acceptChange(chosen, stamp);
  return labeled && { ...labeled, label: `Accept ${chosen.length} pre-label${chosen.length === 1 ? '' : 's'} ≥ ${threshold.toFixed(2)}` };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What an edit does to a pending pre-label: a change of box, class or
 * attributes (fixing OCR text counts) means the annotator corrected the
 * prediction before taking it. Other shapes pass through unchanged.
 */
export function reviewAfterEdit(stored: Shape, next: Shape): Shape {
  // An auto-accepted pre-label no human had looked at is judged by the first edit too: changing it is a correction.
  const judgeable = (s: Shape) => isPending(s) || isAutoAccepted(s);
  if (!judgeable(stored) || !judgeable(next)) return next;
  const changed = !sameJson(stored.box, next.box) || stored.classId !== next.classId || !sameJson(stored.attributes, next.attributes);
  return changed ? withReview(next, 'corrected') : next;
}

/** Undo label for deleting these shapes: rejecting when every one is a pending pre-label. */
export function deleteLabel(selected: readonly Shape[]): string | null {
  if (selected.length === 0 || !selected.every(isPending)) return null;
  return selected.length === 1 ? 'Reject pre-label' : `Reject ${selected.length} pre-labels`;
}
