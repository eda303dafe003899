/**
 * A model output value as a probability. DB maps are sigmoid outputs and
 * recognizer rows softmax outputs, so anything
 * outside [0, 1] is a broken model: NaN and −Infinity count as 0, values
 * above 1 (and +Infinity) as 1, so one bad pixel cannot make a box's score
 * NaN or unbounded.
 */
export function probability(value: number): number {
  return value > 0 ? (value < 1 ? value : 1) : 0;
}
