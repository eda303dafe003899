import { emptyReputation, mean, nextTierNeeds, rewardMultiplier, summarize, summarizeAnnotator, tierOf, type TierDefinition, type TierNeed } from '../../core/reputation';
import type { HubContext } from '../context';
import type { Queryable } from '../db/adapter';
import { loadReputation, type StoredReputation } from './reputationStore';

/** Where an account stands: its reputation, stake, tier and what the next tier needs. */
export interface Standing {
  account: string;
  reputation: StoredReputation;
  stake: bigint;
  tier: TierDefinition;
  nextTier: { tier: number; name: string; needs: TierNeed[] } | null;
  /** The multiplier its current mean would earn (rewards use the mean as of the last epoch close). */
  multiplier: number;
}

/** Reads reputation from `db` (inside a transaction when given one) and active stake from the chain. */
export async function accountStanding(ctx: Pick<HubContext, 'db' | 'config' | 'stake'>, account: string, db: Queryable = ctx.db): Promise<Standing> {
  const [reputation, stake] = await Promise.all([loadReputation(db, account), ctx.stake.activeStake(account)]);
  const status = { lower: summarize(reputation.annotator.overall).lower, scoredItems: reputation.annotator.scoredItems, stake };
  const table = ctx.config.tierTable;
  const tier = tierOf(status, table);
  const next = table.tiers[tier.tier + 1];
  return {
    account,
    reputation,
    stake,
    tier,
    nextTier: next ? { tier: next.tier, name: next.name, needs: nextTierNeeds(status, table) } : null,
    multiplier: rewardMultiplier(mean(reputation.annotator.overall), ctx.config.multiplierBounds),
  };
}

const tierJson = (t: TierDefinition) => ({ ...t, minStake: t.minStake.toString() });

/** GET /reputation/:account's body (the issue-6 agreement). */
export function standingJson(s: Standing, history: unknown[]) {
  const summary = summarizeAnnotator(s.reputation.annotator);
  const reviewer = s.reputation.reviewer;
  return {
    account: s.account,
    overall: summary.overall,
    perClass: summary.perClass,
    history,
    scoredItems: summary.scoredItems,
    tier: tierJson(s.tier),
    nextTier: s.nextTier,
    stake: s.stake.toString(),
    multiplier: s.multiplier,
    reviewer: reviewer ? summarize(reviewer) : null,
    // The reviewer role comes from the tier (or an operator's grant, shown by GET /auth/me).
    canReview: s.tier.reviewer,
    prior: emptyReputation(),
  };
}
