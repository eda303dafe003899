import type { AutoAcceptPolicy } from './policy';
import { addToTally, emptyTally, weightedBoundReaches, weightedLowerBound, type WeightedTally } from './lowerBound';
import type { Observation } from './observations';

/** What the review history supports for one model × class. */
export interface ThresholdChoice {
  /** Auto-accept predictions scoring at least this; null: the history does not support any threshold. */
  threshold: number | null;
  /** The precision lower bound at the chosen threshold (policy confidence); null when none was chosen. */
  lowerBound: number | null;
  /** Human-decided observations of this model × class (all scores). */
  reviewed: number;
}

/** The key of chooseThresholds' map and of buildPrelabel's lookup. */
export function modelClassKey(modelId: string, classId: string): string {
  return `${modelId}\u0000${classId}`;
}

/**
 * Per model × class, the lowest score threshold whose precision lower bound
 * reaches the target, by fixed-sequence testing: candidates are the distinct
 * observed scores from the highest down; a candidate with fewer than
 * `minReviewed` observations at or above it, or too few for even a perfect
 * record to reach the target (30 all-right reviews bound precision at 0.926
 * at 90 % confidence, short of 95 %), is not tested yet — both depend on
 * scores and weights only, never on whether they were right; the
 * first tested candidate whose bound falls short stops the search, and the
 * last that passed is the threshold. Testing in a fixed order and stopping at
 * the first failure keeps the chance of choosing ANY threshold whose true
 * precision is below target at most 1 − confidence, with no correction for
 * the number of candidates (Learn then Test, Angelopoulos et al. 2021).
 */
export function chooseThresholds(observations: Iterable<Observation>, policy: Pick<AutoAcceptPolicy, 'targetPrecision' | 'confidence' | 'minReviewed'>): Map<string, ThresholdChoice> {
  const groups = new Map<string, Observation[]>();
  for (const o of observations) {
    const key = modelClassKey(o.modelId, o.classId);
    const list = groups.get(key);
    if (list) list.push(o);
    else groups.set(key, [o]);
  }
  const out = new Map<string, ThresholdChoice>();
  for (const [key, list] of groups) out.set(key, chooseOne(list, policy));
  return out;
}

function chooseOne(list: Observation[], policy: Pick<AutoAcceptPolicy, 'targetPrecision' | 'confidence' | 'minReviewed'>): ThresholdChoice {
  const sorted = [...list].sort((a, b) => b.score - a.score);
  const tally = emptyTally();
  let passed: { threshold: number; tally: WeightedTally } | null = null;
  for (let i = 0; i < sorted.length; ) {
    const score = sorted[i]!.score;
    // Everything at this score joins at once: a threshold takes all of them or none.
    for (; i < sorted.length && sorted[i]!.score === score; i++) addToTally(tally, sorted[i]!);
    if (tally.count < policy.minReviewed) continue;
    // Too few to pass even if every one was right (depends on the weights only, never on correctness): not tested yet.
    if (!weightedBoundReaches({ ...tally, correctWeight: tally.weight }, policy.confidence, policy.targetPrecision)) continue;
    if (!weightedBoundReaches(tally, policy.confidence, policy.targetPrecision)) break;
    passed = { threshold: score, tally: { ...tally } };
  }
  return {
    threshold: passed?.threshold ?? null,
    lowerBound: passed ? weightedLowerBound(passed.tally, policy.confidence) : null,
    reviewed: list.length,
  };
}
