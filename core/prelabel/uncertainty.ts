import { iou } from '../geometry/box';
import type { Box } from '../model/shape';

/**
 * How unsure a model was about one item, 0 (sure) … 1 (unsure), from the
 * item's latest run. Two things count most:
 * - a prediction whose score sits near the confidence threshold (a coin flip
 *   whether it was kept at all): 1 at the threshold, falling linearly to 0 at
 *   score 0 or 1;
 * - two overlapping boxes of DIFFERENT classes (the model could not decide
 *   what the object is): their IoU once it reaches DISAGREEMENT_MIN_IOU.
 * The item's value is the largest of these, so one doubtful object is enough
 * to move the item up the queue.
 */
export const DISAGREEMENT_MIN_IOU = 0.3;
/** Pairwise checks are quadratic; the most confident boxes are the ones that matter. */
const MAX_PAIRED = 300;

export interface ScoredBox {
  className: string;
  box: Box;
  score: number;
}

export function scoreUncertainty(score: number, threshold: number): number {
  const span = score >= threshold ? 1 - threshold : threshold;
  if (span <= 0) return score === threshold ? 1 : 0;
  return Math.max(0, Math.min(1, 1 - Math.abs(score - threshold) / span));
}

export function classDisagreement(a: ScoredBox, b: ScoredBox): number {
  if (a.className === b.className) return 0;
  const overlap = iou(a.box, b.box);
  return overlap >= DISAGREEMENT_MIN_IOU ? overlap : 0;
}

export function itemUncertainty(predictions: readonly ScoredBox[], confidenceThreshold: number): number {
  let worst = 0;
  for (const p of predictions) worst = Math.max(worst, scoreUncertainty(p.score, confidenceThreshold));
  const paired = predictions.length > MAX_PAIRED ? [...predictions].sort((a, b) => b.score - a.score).slice(0, MAX_PAIRED) : predictions;
  for (let i = 0; i < paired.length; i++) {
    for (let j = i + 1; j < paired.length; j++) worst = Math.max(worst, classDisagreement(paired[i]!, paired[j]!));
  }
  return worst;
}

/**
 * "Most uncertain first": items with a known uncertainty by it, highest
 * first; items the model has not seen (or failed on) after them. Ties and
 * the rest keep their plain order.
 */
export function orderByUncertainty<T extends { id: string; order: number }>(items: readonly T[], uncertaintyOf: (itemId: string) => number | undefined): T[] {
  const keyed = items.map((item) => ({ item, u: uncertaintyOf(item.id) }));
  keyed.sort((a, b) => {
    if (a.u === undefined || b.u === undefined) {
      if (a.u !== b.u) return a.u === undefined ? 1 : -1;
    } else if (a.u !== b.u) return b.u - a.u;
    return a.item.order - b.item.order;
  });
  return keyed.map((k) => k.item);
}
