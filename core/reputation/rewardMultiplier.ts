export interface MultiplierBounds {
  min?: number;
  max?: number;
}

/**
 * Reward multiplier from the reputation mean: 0.5 + mean, clamped to
 * [min, max] (defaults 0.5 and 1.5). A newcomer at the prior mean 0.5 is paid
 * 1×; a perfect record approaches 1.5×, a worthless one 0.5×.
 */
export function rewardMultiplier(mean: number, bounds: MultiplierBounds = {}): number {
  const min = bounds.min ?? 0.5;
  const max = bounds.max ?? 1.5;
  if (!(Number.isFinite(mean) && mean >= 0 && mean <= 1)) throw new Error(`rewardMultiplier: mean must be in [0, 1], got ${mean}`);
  if (!(Number.isFinite(min) && Number.isFinite(max) && min >= 0 && min <= max)) throw new Error(`rewardMultiplier: bounds must satisfy 0 ≤ min ≤ max, got min=${min}, max=${max}`);
  return Math.min(max, Math.max(min, 0.5 + mean));
}
