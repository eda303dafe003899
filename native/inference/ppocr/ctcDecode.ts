import { probability } from './probability';

/**
 * Greedy CTC decoding of one sequence of per-step class probabilities (the
 * recognizer's softmax output, [steps, classes] row-major): take the argmax
 * at each step, collapse runs of the same class, drop the blank (class 0).
 * Confidence is the mean probability of the kept steps, 0 for no text, as in
 * PaddleOCR's CTCLabelDecode.
 *
 * Unlike PaddleOCR, spaces at either end are dropped with their
 * probabilities: the space class fires on the margin a detected box leaves
 * around small text, and one line of text never starts or ends with a space.
 *
 * Degenerate outputs decode without throwing: a NaN probability never wins
 * the argmax (a step of only NaN reads as blank), and the confidence is
 * clamped to [0, 1]. A tensor whose size or class count does not match
 * throws a clear error.
 */
export function ctcGreedyDecode(
  probs: Float32Array,
  steps: number,
  classes: number,
  dictionary: readonly string[],
): { text: string; confidence: number } {
  if (!Number.isInteger(steps) || !Number.isInteger(classes) || steps < 0 || classes < 1) {
    throw new Error(`CTC input needs steps ≥ 0 and classes ≥ 1, got ${steps}×${classes}`);
  }
  if (probs.length !== steps * classes) throw new Error(`CTC input has ${probs.length} values, expected ${steps}×${classes}`);
  if (dictionary.length !== classes) {
    throw new Error(`Recognizer outputs ${classes} classes but the dictionary has ${dictionary.length} (blank + characters + space)`);
  }
  const chars: string[] = [];
  const scores: number[] = [];
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const row = t * classes;
    let best = 0;
    let bestP = probability(probs[row]!);
    for (let k = 1; k < classes; k++) {
      const p = probability(probs[row + k]!);
      if (p > bestP) {
        bestP = p;
        best = k;
      }
    }
    if (best !== 0 && best !== previous) {
      chars.push(dictionary[best]!);
      scores.push(bestP);
    }
    previous = best;
  }
  let start = 0;
  let end = chars.length;
  while (start < end && chars[start] === ' ') start++;
  while (end > start && chars[end - 1] === ' ') end--;
  const kept = scores.slice(start, end);
  return { text: chars.slice(start, end).join(''), confidence: kept.length > 0 ? kept.reduce((a, b) => a + b, 0) / kept.length : 0 };
}
