/**
 * A small seeded generator for property tests (mulberry32): the same seed
 * gives the same cases, so a failure names a seed that reproduces it.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

/** Values a broken or adversarial model output can hold. */
export const adversarialValues = [Number.NaN, Infinity, -Infinity, 0, 1, -1, 0.5, 1e-30, -1e-30, 1e30, -1e30, 3.4e38, -3.4e38, 2, 0.3000001, 0.9999999];

/** One tensor value: mostly from `typical`, sometimes adversarial. */
export function valueFrom(random: Random, typical: () => number, adversarialShare: number): number {
  return random.chance(adversarialShare) ? random.pick(adversarialValues) : typical();
}
