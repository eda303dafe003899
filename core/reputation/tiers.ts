// Tiers: what reputation and stake unlock. The table is data (configurable
// per hub); the defaults are the issue-6 agreements.

/** One rung of the ladder. Requirements are cumulative: a tier needs all of its own minimums. */
export interface TierDefinition {
  tier: number;
  name: string;
  /** Minimum reputation lower bound (overall, 10% quantile). */
  minLower: number;
  minScoredItems: number;
  /** Minimum stake in the token's base units (wei for 18 decimals). */
  minStake: bigint;
  /** Highest task level this tier may take. */
  taskLevel: number;
  reviewer: boolean;
}

export interface TierTable {
  tiers: readonly TierDefinition[];
  /** For showing stake in whole tokens. */
  tokenDecimals: number;
}

/** Where an account stands. `stake` in base units, as a bigint or a decimal string (as JSON carries it). */
export interface TierStatus {
  lower: number;
  scoredItems: number;
  stake: bigint | string;
}

export interface TierNeed {
  requirement: 'lower' | 'scoredItems' | 'stake';
  /** Human-readable, e.g. "reputation lower bound 0.62 → 0.80", "stake 100 → 500 tokens", "scored items 12 → 50". */
  text: string;
}

const TOKEN = 10n ** 18n;

export const DEFAULT_TIER_TABLE: TierTable = {
  tokenDecimals: 18,
  tiers: [
    { tier: 0, name: 'newcomer', minLower: 0, minScoredItems: 0, minStake: 0n, taskLevel: 0, reviewer: false },
    { tier: 1, name: 'trusted', minLower: 0.6, minScoredItems: 20, minStake: 100n * TOKEN, taskLevel: 1, reviewer: false },
    { tier: 2, name: 'expert', minLower: 0.8, minScoredItems: 50, minStake: 500n * TOKEN, taskLevel: 2, reviewer: true },
  ],
};

/** Refuses a table whose tiers are not 0,1,2,… with non-decreasing requirements (otherwise "highest tier met" would be ambiguous). */
export function checkTierTable(table: TierTable): TierTable {
  if (table.tiers.length === 0) throw new Error('tier table: needs at least tier 0');
  table.tiers.forEach((t, i) => {
    if (t.tier !== i) throw new Error(`tier table: tiers[${i}].tier must be ${i}, got ${t.tier}`);
    if (!(t.minLower >= 0 && t.minLower <= 1)) throw new Error(`tier table: tiers[${i}].minLower must be in [0, 1], got ${t.minLower}`);
    if (!(Number.isInteger(t.minScoredItems) && t.minScoredItems >= 0)) throw new Error(`tier table: tiers[${i}].minScoredItems must be a whole number ≥ 0`);
    if (typeof t.minStake !== 'bigint' || t.minStake < 0n) throw new Error(`tier table: tiers[${i}].minStake must be a bigint ≥ 0`);
    const prev = table.tiers[i - 1];
    if (prev && (t.minLower < prev.minLower || t.minScoredItems < prev.minScoredItems || t.minStake < prev.minStake || t.taskLevel < prev.taskLevel)) {
      throw new Error(`tier table: tiers[${i}] (${t.name}) asks less than tiers[${i - 1}] (${prev.name})`);
    }
  });
  return table;
}

function stakeOf(status: TierStatus): bigint {
  if (typeof status.stake === 'bigint') return status.stake;
  if (!/^\d+$/.test(status.stake)) throw new Error(`tier status: stake must be a whole number of base units, got '${status.stake}'`);
  return BigInt(status.stake);
}

function meets(status: TierStatus, stake: bigint, t: TierDefinition): boolean {
  return status.lower >= t.minLower && status.scoredItems >= t.minScoredItems && stake >= t.minStake;
}

function checkStatus(status: TierStatus): bigint {
  if (!(Number.isFinite(status.lower) && status.lower >= 0 && status.lower <= 1)) throw new Error(`tier status: lower must be in [0, 1], got ${status.lower}`);
  if (!(Number.isInteger(status.scoredItems) && status.scoredItems >= 0)) throw new Error(`tier status: scoredItems must be a whole number ≥ 0, got ${status.scoredItems}`);
  return stakeOf(status);
}

/** The highest tier whose requirements (and every lower tier's) are met. Tier 0 is open to anyone. */
export function tierOf(status: TierStatus, table: TierTable = DEFAULT_TIER_TABLE): TierDefinition {
  checkTierTable(table);
  const stake = checkStatus(status);
  let reached = table.tiers[0]!;
  for (const t of table.tiers.slice(1)) {
    if (!meets(status, stake, t)) break;
    reached = t;
  }
  return reached;
}

/** The tier after the current one, or null at the top. */
export function nextTier(status: TierStatus, table: TierTable = DEFAULT_TIER_TABLE): TierDefinition | null {
  return table.tiers[tierOf(status, table).tier + 1] ?? null;
}

// Shown values are rounded DOWN so "0.79 → 0.80" never reads "0.80 → 0.80".
const floor2 = (n: number) => (Math.floor(n * 100) / 100).toFixed(2);

/** Base units as whole tokens, rounded down to 2 decimals, trailing zeros dropped: 100.5, 99.99, 500. */
export function formatTokens(units: bigint, decimals: number): string {
  const cents = (units * 100n) / 10n ** BigInt(decimals);
  const whole = cents / 100n;
  const frac = (cents % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : `${whole}`;
}

/** What is missing for the next tier; empty at the top tier. */
export function nextTierNeeds(status: TierStatus, table: TierTable = DEFAULT_TIER_TABLE): TierNeed[] {
  const next = nextTier(status, table);
  if (!next) return [];
  const needs: TierNeed[] = [];
  if (status.lower < next.minLower) needs.push({ requirement: 'lower', text: `reputation lower bound ${floor2(status.lower)} → ${next.minLower.toFixed(2)}` });
  const stake = stakeOf(status);
  if (stake < next.minStake) needs.push({ requirement: 'stake', text: `stake ${formatTokens(stake, table.tokenDecimals)} → ${formatTokens(next.minStake, table.tokenDecimals)} tokens` });
  if (status.scoredItems < next.minScoredItems) needs.push({ requirement: 'scoredItems', text: `scored items ${status.scoredItems} → ${next.minScoredItems}` });
  return needs;
}

function definitionOf(tier: number | TierDefinition, table: TierTable): TierDefinition {
  if (typeof tier !== 'number') return tier;
  const t = table.tiers[tier];
  if (!t) throw new Error(`unknown tier ${tier} (the table has 0..${table.tiers.length - 1})`);
  return t;
}

export function canReview(tier: number | TierDefinition, table: TierTable = DEFAULT_TIER_TABLE): boolean {
  return definitionOf(tier, table).reviewer;
}

/** A task of level L may go to tiers whose taskLevel ≥ L (level 0 to anyone). */
export function canTakeTask(tier: number | TierDefinition, taskLevel: number, table: TierTable = DEFAULT_TIER_TABLE): boolean {
  return definitionOf(tier, table).taskLevel >= taskLevel;
}
