import { emptyReputation, mean, rewardMultiplier, type BetaReputation } from '../../core/reputation';
import type { Queryable } from '../db/adapter';

export interface PayableItem {
  id: string;
  status: 'accepted' | 'resolved';
  reward_per_item: string;
  reviewer_fee: string;
  agreeing: string[];
  reviewer: string | null;
}

export interface Payout {
  item: string;
  account: string;
  amount: string;
}

/** Multipliers are applied in millionths, so amounts stay exact integers of wei. */
const PPM = 1_000_000n;

export function multipliedReward(reward: bigint, multiplier: number): bigint {
  return (reward * BigInt(Math.round(multiplier * 1e6))) / PPM;
}

/**
 * What an epoch pays for its items: the item's reward × the annotator's
 * reward multiplier to each annotator whose shapes agree with the final
 * labels (consensus or verdict), and the task's reviewer fee to the reviewer
 * of an item resolved by a verdict.
 *
 * The multiplier is core `rewardMultiplier` of the annotator's overall
 * reputation mean AS IT STOOD WHEN THE PREVIOUS EPOCH CLOSED (a newcomer:
 * mean 0.5 → 1×). The items being paid already moved the reputation; reading
 * the earlier snapshot keeps one agreement from being paid twice (once as
 * the reward, again as a higher rate on the same reward) and lets an
 * annotator know their rate for the whole epoch.
 */
export async function epochPayouts(tx: Queryable, items: readonly PayableItem[], bounds: { min: number; max: number }): Promise<Payout[]> {
  const accounts = [...new Set(items.flatMap((i) => i.agreeing))];
  const rows = await tx.query<{ account: string; paid_overall: BetaReputation | null }>('SELECT account, paid_overall FROM reputations WHERE account = ANY($1::text[])', [accounts]);
  const paidAt = new Map(rows.map((r) => [r.account, r.paid_overall]));
  const multiplier = new Map(accounts.map((a) => [a, rewardMultiplier(mean(paidAt.get(a) ?? emptyReputation()), bounds)]));
  const payouts: Payout[] = [];
  for (const it of items) {
    for (const account of it.agreeing) payouts.push({ item: it.id, account, amount: multipliedReward(BigInt(it.reward_per_item), multiplier.get(account)!).toString() });
    if (it.status === 'resolved' && it.reviewer && BigInt(it.reviewer_fee) > 0n) payouts.push({ item: it.id, account: it.reviewer, amount: it.reviewer_fee });
  }
  return payouts.filter((p) => p.amount !== '0');
}

/** After an epoch is built: the reputation each account enters the next epoch with. */
export async function snapshotPaidReputation(tx: Queryable): Promise<void> {
  await tx.query(`UPDATE reputations SET paid_overall = annotator->'overall' WHERE paid_overall IS DISTINCT FROM annotator->'overall'`);
}
