import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import type { ObjectReason } from '../../electron/common/services/hubReviewSchemas';
import type { ProposalObject } from './reviewObjects';
import { ReviewError, type ObjectDecision, type ReviewDraft, type VerdictReason } from './reviewTypes';

/** The shape a decision's choice points at, before class and attribute fixes (null: dropped or undecided). */
export function takenShape(object: ProposalObject | undefined, decision: ObjectDecision, index: number): CanonicalShape | null {
  const { choice } = decision;
  switch (choice.kind) {
    case 'undecided':
    case 'drop':
      return null;
    case 'drawn':
      return { className: choice.className, box: choice.box, ...(choice.attributes ? { attributes: choice.attributes } : {}) };
    case 'merged':
      if (!object) throw new ReviewError(`object ${index + 1} was added by the reviewer and has no merged shape`);
      return object.merged;
    case 'annotator': {
      const member = object?.members.find((m) => m.annotator === choice.annotator);
      if (!member) throw new ReviewError(`annotator ${choice.annotator} drew nothing for object ${index + 1}`);
      return member.shape;
    }
  }
}

/** The object's final label: the taken shape with the reviewer's class and attribute fixes. */
export function finalShapeOf(object: ProposalObject | undefined, decision: ObjectDecision, index: number): CanonicalShape | null {
  const taken = takenShape(object, decision, index);
  if (!taken) return null;
  const attributes = { ...taken.attributes, ...decision.attributes };
  return {
    className: decision.className ?? taken.className,
    box: taken.box,
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
  };
}

/**
 * The reason recorded for an object: the reviewer's own pick, else what the
 * decision shows — dropped = extra object, added = missed object, class fixed
 * = wrong class, box redrawn = loose box, anything else = ok.
 */
export function reasonOf(object: ProposalObject | undefined, decision: ObjectDecision, index: number): VerdictReason {
  if (decision.reason) return decision.reason;
  if (decision.added) return 'missed_object';
  if (decision.choice.kind === 'drop') return 'extra_object';
  const taken = takenShape(object, decision, index);
  if (taken && decision.className !== undefined && decision.className !== taken.className) return 'wrong_class';
  if (decision.choice.kind === 'drawn') return 'loose_box';
  return 'ok';
}

/** Indices of objects still waiting for a decision. */
export function unresolvedObjects(draft: ReviewDraft): number[] {
  return draft.decisions.flatMap((d, i) => (d.choice.kind === 'undecided' ? [i] : []));
}

/** The verdict's content: the final labels and one reason per object. Refused while an object is undecided. */
export function verdictContent(objects: readonly ProposalObject[], draft: ReviewDraft): { shapes: CanonicalShape[]; reasons: ObjectReason[] } {
  const open = unresolvedObjects(draft);
  if (open.length > 0) throw new ReviewError(`decide every object first: ${open.map((i) => i + 1).join(', ')} still open`);
  const shapes: CanonicalShape[] = [];
  const reasons: ObjectReason[] = [];
  draft.decisions.forEach((decision, index) => {
    const shape = finalShapeOf(objects[index], decision, index);
    if (shape) shapes.push(shape);
    reasons.push({ index, reason: reasonOf(objects[index], decision, index) });
  });
  return { shapes, reasons };
}
