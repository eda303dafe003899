import { compareWithFinal } from '../consensus/agreesWith';
import { matchByIoU } from '../geometry/hungarian';
import type { CanonicalShape } from '../sync/canonicalLabels';

/**
 * What happened to one object when an annotator's shapes were laid over the
 * reference (final labels or ground truth):
 * - `matched`: same class, IoU ≥ threshold → agreed, in that class;
 * - `wrong_class`: a shape over the reference object but of another class → disagreed, in the REFERENCE's class;
 * - `missed`: a reference object with no shape over it → disagreed, in the reference's class;
 * - `extra`: a shape over no reference object → disagreed, in the shape's class.
 */
export type ObjectOutcomeKind = 'matched' | 'wrong_class' | 'missed' | 'extra';

export interface ObjectOutcome {
  kind: ObjectOutcomeKind;
  /** The class whose reputation this outcome moves. */
  className: string;
  agreed: boolean;
  /** For `wrong_class`: the class the annotator gave. */
  givenClass?: string;
}

export interface SubmissionScore {
  /** The item-level outcome: the reward rule `agreesWith` (everything matched, nothing extra). */
  agreesWith: boolean;
  /** One outcome per reference object plus one per extra shape, in reference-then-extra order. */
  objects: ObjectOutcome[];
}

export interface ScoreOptions {
  /** IoU needed for a match; the same default as consensus (0.5). */
  iouThreshold?: number;
}

/**
 * Scores one annotator's shapes against an item's reference labels with the
 * consensus matching (`compareWithFinal`: Hungarian on IoU within each
 * class). Leftovers of that pass — reference objects missed and shapes left
 * over — are then paired class-agnostically: such a pair is one object with
 * the wrong class, counted once against the reference's class rather than
 * twice (a miss plus an extra).
 */
export function scoreSubmission(annotatorShapes: readonly CanonicalShape[], reference: readonly CanonicalShape[], options: ScoreOptions = {}): SubmissionScore {
  const iouThreshold = options.iouThreshold ?? 0.5;
  const comparison = compareWithFinal(annotatorShapes, reference, iouThreshold);
  const wrongClass = matchByIoU(
    comparison.missed.map((s) => s.box),
    comparison.extra.map((s) => s.box),
    iouThreshold,
  );
  const objects: ObjectOutcome[] = [];
  const matchedClasses = matchedClassNames(reference, comparison.missed);
  for (const className of matchedClasses) objects.push({ kind: 'matched', className, agreed: true });
  for (const [i, j] of wrongClass.pairs) {
    objects.push({ kind: 'wrong_class', className: comparison.missed[i]!.className, agreed: false, givenClass: comparison.extra[j]!.className });
  }
  for (const i of wrongClass.unmatchedA) objects.push({ kind: 'missed', className: comparison.missed[i]!.className, agreed: false });
  for (const j of wrongClass.unmatchedB) objects.push({ kind: 'extra', className: comparison.extra[j]!.className, agreed: false });
  return { agreesWith: comparison.agrees, objects };
}

/** Classes of the matched reference objects: per class, the reference count minus the missed count. */
function matchedClassNames(reference: readonly CanonicalShape[], missed: readonly CanonicalShape[]): string[] {
  const missedLeft = new Map<string, number>();
  for (const s of missed) missedLeft.set(s.className, (missedLeft.get(s.className) ?? 0) + 1);
  const out: string[] = [];
  for (const s of reference) {
    const left = missedLeft.get(s.className) ?? 0;
    if (left > 0) missedLeft.set(s.className, left - 1);
    else out.push(s.className);
  }
  return out;
}

/** Outcome counts per class, e.g. for a summary line or a test. */
export function countByClass(score: SubmissionScore): Record<string, { agreed: number; disagreed: number }> {
  const counts: Record<string, { agreed: number; disagreed: number }> = {};
  for (const o of score.objects) {
    const c = (counts[o.className] ??= { agreed: 0, disagreed: 0 });
    if (o.agreed) c.agreed++;
    else c.disagreed++;
  }
  return counts;
}
