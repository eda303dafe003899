import { getAddress } from 'ethers';
import type { RewardEntry } from '../../core/sync/rewardsTree';

/** One account whose new cumulative total would pay it less than it was promised or already paid. */
export interface Shortfall {
  account: string;
  next: bigint;
  /** The previous epoch's cumulative total, or what the account already claimed on chain. */
  floor: bigint;
}

const normalised = (totals: Record<string, string>) => new Map(Object.entries(totals).map(([a, v]) => [getAddress(a), BigInt(v)]));

/**
 * Cumulative totals only grow: each epoch's tree must give every account of
 * the previous one at least as much (an account missing from the new totals
 * counts as 0). A smaller total is unclaimable (the contract pays
 * cumulative − claimed) and breaks the promise the previous root made.
 */
export function shortfallsAgainstPrevious(next: Record<string, string>, previous: Record<string, string>): Shortfall[] {
  const now = normalised(next);
  return [...normalised(previous)].filter(([account, floor]) => (now.get(account) ?? 0n) < floor).map(([account, floor]) => ({ account, next: now.get(account) ?? 0n, floor }));
}

/** Accounts whose new total is below what they already claimed on chain (`claimed(account)`). */
export function shortfallsAgainstClaimed(next: Record<string, string>, claimed: ReadonlyMap<string, bigint>): Shortfall[] {
  const now = normalised(next);
  return [...claimed]
    .map(([account, floor]) => ({ account: getAddress(account), floor }))
    .filter(({ account, floor }) => (now.get(account) ?? 0n) < floor)
    .map(({ account, floor }) => ({ account, next: now.get(account) ?? 0n, floor }));
}

/** "0xabc…: 5 < 7, …" for a refusal message (the first few; the count says how many). */
export function describeShortfalls(shortfalls: readonly Shortfall[], floorName: string): string {
  const shown = shortfalls.slice(0, 5).map((s) => `${s.account} would get cumulative ${s.next} wei, below ${floorName} ${s.floor} wei`);
  const more = shortfalls.length > shown.length ? `; and ${shortfalls.length - shown.length} more account(s)` : '';
  return shown.join('; ') + more;
}

/**
 * The same rule per task: every (task, account) of `floors` (the previous tree's leaves, or
 * what was claimed on chain per task) must get at least as much in `next`. The contract
 * pays a claim from the task's own pool, so a shrink on one task is not made up by another.
 */
export function taskShortfalls(next: readonly RewardEntry[], floors: readonly RewardEntry[]): Shortfall[] {
  const key = (e: { task: string; account: string }) => `${e.task.toLowerCase()}:${getAddress(e.account)}`;
  const now = new Map(next.map((e) => [key(e), e.cumulative]));
  return floors
    .filter((f) => (now.get(key(f)) ?? 0n) < f.cumulative)
    .map((f) => ({ account: `${getAddress(f.account)} on task ${f.task.toLowerCase()}`, next: now.get(key(f)) ?? 0n, floor: f.cumulative }));
}
