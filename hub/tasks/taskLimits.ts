/**
 * The numbers a requester publishes a task with, and their bounds.
 *
 * Why a budget cap: the hub promises every annotator `rewardPerItem ×
 * multiplier` per agreeing item and the reviewer `reviewerFee` per verdict,
 * and epochs add those promises into cumulative uint256 totals in the
 * rewards tree. A task promising 10^60 wei per item was accepted before:
 * nothing funded it and one such task makes every later total meaningless
 * (and past 2^256 − 1, unpayable on chain). So the most a task can ever
 * cost — every item reaching k agreeing annotators at the highest reward
 * multiplier, plus a verdict's fee on every item — must be at most
 * `maxTaskBudgetWei` (default 10^27 wei: a billion tokens of 18 decimals,
 * far above any real task, and small enough that 10^49 such tasks still fit
 * one uint256 total). The deposit that backs it comes from the chain (the
 * task's pool); the cap only keeps the promise finite and summable.
 */
export const UINT256_MAX = 2n ** 256n - 1n;
export const DEFAULT_MAX_TASK_BUDGET_WEI = 10n ** 27n;
/** The bounds the request schema enforces (redundancy, instructions, examples) live with it in core/hubApi. */
export { MAX_EXAMPLES, MAX_INSTRUCTIONS_BYTES, MAX_REDUNDANCY } from '../../core/hubApi/taskBounds';
/** An example image is shown before the first item: a photo, not a video. */
export const MAX_EXAMPLE_BYTES = 10 * 1024 * 1024;
/** A deadline must leave time to label (one minute at least) and not lock a pool for ever (three years at most). */
export const MIN_DEADLINE_AHEAD_MS = 60_000;
export const MAX_DEADLINE_AHEAD_MS = 3 * 365 * 24 * 3600_000;

export interface TaskCost {
  rewardPerItem: bigint;
  reviewerFee: bigint;
  redundancy: number;
  items: number;
}

/** Millionths, as the epoch payouts apply multipliers; rounded up so this is an upper bound. */
const PPM = 1_000_000n;

/** The most a task can cost: k agreeing annotators per item at the highest multiplier, plus a reviewer fee per item. */
export function maxTaskSpend(cost: TaskCost, maxMultiplier: number): bigint {
  const perAnnotator = (cost.rewardPerItem * BigInt(Math.ceil(maxMultiplier * 1e6)) + PPM - 1n) / PPM;
  return (perAnnotator * BigInt(cost.redundancy) + cost.reviewerFee) * BigInt(cost.items);
}

/** The configured cap as a bigint, refused when it is not a positive whole number ≤ 2^256 − 1. */
export function parseBudgetCap(value: string | undefined): bigint {
  if (value === undefined) return DEFAULT_MAX_TASK_BUDGET_WEI;
  if (!/^[1-9]\d{0,77}$/.test(value) || BigInt(value) > UINT256_MAX) throw new Error(`maxTaskBudgetWei must be a positive whole number of wei below 2^256, got "${value}"`);
  return BigInt(value);
}
