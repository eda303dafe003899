/**
 * A model's confidence as a score in [0, 1], or undefined when it is not a
 * number at all. Heads are meant to emit probabilities, but a broken export
 * (NaN after a division by zero, a raw logit above 1) must not leak a score
 * the review statistics cannot handle: NaN and ±Infinity mean "no score",
 * finite values are clamped.
 */
export function unitScore(value: number | undefined): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return value < 0 ? 0 : value > 1 ? 1 : value;
}
