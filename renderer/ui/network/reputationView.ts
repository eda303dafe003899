import { DEFAULT_TIER_TABLE, nextTierNeeds, tierTableFromJson, type TierTable, type TierTableJson } from '../../../core/reputation';
import type { Reputation } from '../../../electron/common/services/hubReviewSchemas';

export interface TierView {
  /** e.g. "expert" (tier 2). */
  name: string;
  level: number | null;
  /** What the next tier needs, one line each; empty at the top tier. */
  needs: string[];
  /** The next tier's name, or null at the top. */
  nextName: string | null;
}

/** The hub's table from GET /tiers when it reads as one, else the agreed defaults. */
export function tierTableOf(json: unknown): TierTable {
  try {
    return json ? tierTableFromJson(json as TierTableJson) : DEFAULT_TIER_TABLE;
  } catch {
    return DEFAULT_TIER_TABLE;
  }
}

function stakeUnitsOf(stake: unknown): string {
  if (typeof stake === 'string' && /^\d+$/.test(stake)) return stake;
  if (typeof stake === 'number' && Number.isInteger(stake) && stake >= 0) return String(stake);
  const active = (stake as { active?: unknown } | null)?.active;
  return typeof active === 'string' && /^\d+$/.test(active) ? active : '0';
}

function nameOf(tier: unknown, table: TierTable): { name: string; level: number | null } {
  if (typeof tier === 'number') return { name: table.tiers[tier]?.name ?? `tier ${tier}`, level: tier };
  if (typeof tier === 'string') return { name: tier, level: table.tiers.find((t) => t.name === tier)?.tier ?? null };
  const t = tier as { name?: unknown; tier?: unknown } | null;
  const level = typeof t?.tier === 'number' ? t.tier : null;
  return { name: typeof t?.name === 'string' ? t.name : level !== null ? (table.tiers[level]?.name ?? `tier ${level}`) : 'unknown', level };
}

/**
 * The tier as the hub reports it, and what the next one needs: nothing when
 * the hub says there is no next tier (`nextTier: null`), the hub's own list
 * when it sends one (`nextTier.needs` or `nextTierNeeds`, strings or
 * `{text}`), else core/reputation's `nextTierNeeds` over the same figures.
 */
export function tierView(reputation: Reputation, table: TierTable): TierView {
  const { name, level } = nameOf(reputation.tier, table);
  const next = reputation.nextTier as { name?: unknown; needs?: unknown } | null | undefined;
  const hubNeeds = (reputation as { nextTierNeeds?: unknown }).nextTierNeeds;
  const sent: unknown[] | null = next === null ? [] : Array.isArray(next?.needs) ? next.needs : Array.isArray(hubNeeds) ? hubNeeds : null;
  const status = { lower: reputation.overall.lower, scoredItems: reputation.scoredItems, stake: stakeUnitsOf(reputation.stake) };
  const needs = sent ? sent.map((n) => (typeof n === 'string' ? n : String((n as { text?: unknown }).text ?? JSON.stringify(n)))) : nextTierNeeds(status, table).map((n) => n.text);
  const nextName = typeof next?.name === 'string' ? next.name : next === null ? null : level !== null ? (table.tiers[level + 1]?.name ?? null) : null;
  return { name, level, needs, nextName };
}
