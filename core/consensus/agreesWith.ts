import { matchByIoU } from '../geometry/hungarian';
import type { CanonicalShape } from '../sync/canonicalLabels';

export interface FinalComparison {
  /** True when every final label is matched and nothing is extra. */
  agrees: boolean;
  matched: number;
  /** Final labels the annotator has no same-class shape for (at the IoU threshold). */
  missed: CanonicalShape[];
  /** The annotator's shapes that match no final label of their class. */
  extra: CanonicalShape[];
}

function byClass(shapes: readonly CanonicalShape[]): Map<string, CanonicalShape[]> {
  const groups = new Map<string, CanonicalShape[]>();
  for (const s of shapes) {
    if (!groups.has(s.className)) groups.set(s.className, []);
    groups.get(s.className)!.push(s);
  }
  return groups;
}

/**
 * One annotator's shapes against an item's final labels (consensus or a
 * verdict), matched one-to-one by IoU with Hungarian assignment within each
 * class. Attributes are not compared.
 */
export function compareWithFinal(annotatorShapes: readonly CanonicalShape[], finalLabels: readonly CanonicalShape[], iouThreshold = 0.5): FinalComparison {
  const own = byClass(annotatorShapes);
  const final = byClass(finalLabels);
  let matched = 0;
  const missed: CanonicalShape[] = [];
  const extra: CanonicalShape[] = [];
  for (const className of new Set([...own.keys(), ...final.keys()])) {
    const mine = own.get(className) ?? [];
    const truth = final.get(className) ?? [];
    const m = matchByIoU(
      mine.map((s) => s.box),
      truth.map((s) => s.box),
      iouThreshold,
    );
    matched += m.pairs.length;
    for (const i of m.unmatchedA) extra.push(mine[i]!);
    for (const j of m.unmatchedB) missed.push(truth[j]!);
  }
  return { agrees: missed.length === 0 && extra.length === 0, matched, missed, extra };
}

/**
 * The reward rule: an annotator earns an item when their shapes agree with
 * its final labels — every final object matched (IoU ≥ threshold) by a shape
 * of the same class, and no shape left over. An empty submission agrees with
 * empty final labels.
 */
export function agreesWith(annotatorShapes: readonly CanonicalShape[], finalLabels: readonly CanonicalShape[], iouThreshold = 0.5): boolean {
  return compareWithFinal(annotatorShapes, finalLabels, iouThreshold).agrees;
}
