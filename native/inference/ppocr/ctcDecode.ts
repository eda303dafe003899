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
 */
export function ctcGreedyDecode(
  probs: Float32Array,
  steps: number,
  classes: number,
  dictionary: readonly string[],
): { text: string; confidence: number } {
  if (probs.length < steps * classes) throw new Error(`CTC input has ${probs.length} values, expected ${steps}×${classes}`);
  if (dictionary.length !== classes) {
    throw new Error(`Recognizer outputs ${classes} classes but the dictionary has ${dictionary.length} (blank + characters + space)`);
  }
  const chars: string[] = [];
  const scores: number[] = [];
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const row = t * classes;
    let best = 0;
    let bestP = probs[row]!;
    for (let k = 1; k < classes; k++) {
      const p = probs[row + k]!;
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
