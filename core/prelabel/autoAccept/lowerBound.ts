/**
 * One-sided lower confidence bounds for a proportion (precision).
 *
 * Clopper–Pearson (exact binomial): with k successes in n trials the lower
 * bound at confidence c is the (1 − c) quantile of Beta(k, n − k + 1), 0 when
 * k = 0. Its coverage is at least c for every true proportion.
 *
 * Weighted observations (audit samples stand for 1/auditRate predictions
 * each) use Korn & Graubard's adaptation: Clopper–Pearson on Kish's effective
 * sample size n_eff = (Σw)² / Σw² with p̂·n_eff successes, p̂ = Σw·correct / Σw.
 * All weights equal gives the plain bound. The Beta distribution takes real
 * parameters, so a fractional n_eff needs no rounding.
 *
 * Numerics: the regularized incomplete beta by its continued fraction
 * (modified Lentz) with log-gamma prefactors, sound for n up to ~10⁶.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; reflection below ½). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const TINY = 1e-300;
const EPS = 1e-15;
const MAX_TERMS = 100_000;

/** The continued fraction of I_x(a, b) (converges fast for x < (a+1)/(a+b+2)). */
function betaFraction(x: number, a: number, b: number): number {
  const guard = (v: number) => (Math.abs(v) < TINY ? TINY : v);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 / guard(1 + even * d);
    c = guard(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 / guard(1 + odd * d);
    c = guard(1 + odd / c);
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPS) return h;
  }
  return h;
}

/** The regularized incomplete beta I_x(a, b) = P(Beta(a, b) ≤ x), a, b > 0. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/** The q quantile of Beta(a, b), by bisection (I_x is increasing in x). */
export function betaQuantile(q: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (regularizedBeta(mid, a, b) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Clopper–Pearson lower bound at one-sided `confidence`; successes and trials may be fractional (effective sizes). */
export function clopperPearsonLower(successes: number, trials: number, confidence: number): number {
  if (!(trials > 0) || successes <= 0) return 0;
  const k = Math.min(successes, trials);
  return betaQuantile(1 - confidence, k, trials - k + 1);
}

/**
 * Whether the Clopper–Pearson lower bound reaches `target`, with ONE
 * incomplete-beta evaluation (no quantile search): the bound is the x with
 * I_x(k, n−k+1) = 1 − c, and I is increasing, so bound ≥ target exactly when
 * I_target(k, n−k+1) ≤ 1 − c.
 */
export function clopperPearsonReaches(successes: number, trials: number, confidence: number, target: number): boolean {
  if (!(trials > 0) || successes <= 0) return target <= 0;
  const k = Math.min(successes, trials);
  return regularizedBeta(target, k, trials - k + 1) <= 1 - confidence;
}

/** Running sums over weighted observations (count is the number of observations, not their weight). */
export interface WeightedTally {
  count: number;
  weight: number;
  weightSquared: number;
  correctWeight: number;
}

export const emptyTally = (): WeightedTally => ({ count: 0, weight: 0, weightSquared: 0, correctWeight: 0 });

export function addToTally(tally: WeightedTally, observation: { correct: boolean; weight: number }): WeightedTally {
  tally.count += 1;
  tally.weight += observation.weight;
  tally.weightSquared += observation.weight * observation.weight;
  if (observation.correct) tally.correctWeight += observation.weight;
  return tally;
}

export function tallyOf(observations: Iterable<{ correct: boolean; weight: number }>): WeightedTally {
  const tally = emptyTally();
  for (const o of observations) addToTally(tally, o);
  return tally;
}

/** The weighted proportion; null without weight. */
export function weightedPrecision(t: WeightedTally): number | null {
  return t.weight > 0 ? t.correctWeight / t.weight : null;
}

/** Kish's effective sample size and the successes it stands for (Korn–Graubard). */
export function effectiveSize(t: WeightedTally): { trials: number; successes: number } {
  if (!(t.weight > 0)) return { trials: 0, successes: 0 };
  const trials = (t.weight * t.weight) / t.weightSquared;
  return { trials, successes: (t.correctWeight / t.weight) * trials };
}

/** Korn–Graubard lower bound of the weighted precision; null without observations. */
export function weightedLowerBound(t: WeightedTally, confidence: number): number | null {
  if (t.count === 0) return null;
  const { trials, successes } = effectiveSize(t);
  return clopperPearsonLower(successes, trials, confidence);
}

/** weightedLowerBound(t, confidence) ≥ target, cheaply. */
export function weightedBoundReaches(t: WeightedTally, confidence: number, target: number): boolean {
  if (t.count === 0) return false;
  const { trials, successes } = effectiveSize(t);
  return clopperPearsonReaches(successes, trials, confidence, target);
}
