import { betaQuantile } from './betaMath';

/**
 * A reputation as a Beta posterior over "probability this person agrees
 * with the truth". alpha and beta INCLUDE the prior, so a stored record is
 * self-contained plain JSON.
 */
export interface BetaReputation {
  alpha: number;
  beta: number;
}

/** What the workstation and GET /reputation show for one Beta. */
export interface ReputationSummary extends BetaReputation {
  mean: number;
  /** `lowerBound` at the default quantile (10%). */
  lower: number;
}

export interface Outcome {
  agreed: boolean;
  /** How much this observation counts (default 1); must be > 0. */
  weight?: number;
}

/** Beta(2, 2): a newcomer starts at mean 0.5 and the prior weighs as much as 4 observations. */
export const DEFAULT_PRIOR: Readonly<BetaReputation> = Object.freeze({ alpha: 2, beta: 2 });

/** The quantile `lowerBound` takes by default. */
export const DEFAULT_LOWER_QUANTILE = 0.1;

function checkReputation(rep: BetaReputation, where: string): void {
  if (!(Number.isFinite(rep?.alpha) && rep.alpha > 0 && Number.isFinite(rep?.beta) && rep.beta > 0)) {
    throw new Error(`${where}: a reputation needs finite alpha > 0 and beta > 0, got alpha=${rep?.alpha}, beta=${rep?.beta}`);
  }
}

export function emptyReputation(prior: BetaReputation = DEFAULT_PRIOR): BetaReputation {
  checkReputation(prior, 'prior');
  return { alpha: prior.alpha, beta: prior.beta };
}

/** The exact Bayesian update: an agreement adds `weight` to alpha, a disagreement to beta. Returns a new record. */
export function recordOutcome(rep: BetaReputation, outcome: Outcome): BetaReputation {
  checkReputation(rep, 'recordOutcome');
  const weight = outcome.weight ?? 1;
  if (!(Number.isFinite(weight) && weight > 0)) throw new Error(`recordOutcome: weight must be a finite number > 0, got ${weight}`);
  return outcome.agreed ? { alpha: rep.alpha + weight, beta: rep.beta } : { alpha: rep.alpha, beta: rep.beta + weight };
}

/** Posterior mean alpha / (alpha + beta). */
export function mean(rep: BetaReputation): number {
  checkReputation(rep, 'mean');
  return rep.alpha / (rep.alpha + rep.beta);
}

/** The q-quantile of the posterior (default 10%): "at least this good with 90% credibility". Ranks newcomers below proven peers of equal mean. */
export function lowerBound(rep: BetaReputation, q = DEFAULT_LOWER_QUANTILE): number {
  checkReputation(rep, 'lowerBound');
  return betaQuantile(q, rep.alpha, rep.beta);
}

export function summarize(rep: BetaReputation, q = DEFAULT_LOWER_QUANTILE): ReputationSummary {
  return { alpha: rep.alpha, beta: rep.beta, mean: mean(rep), lower: lowerBound(rep, q) };
}
