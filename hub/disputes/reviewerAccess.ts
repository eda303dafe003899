import type { Account } from '../auth/roles';
import type { HubContext } from '../context';
import type { Queryable } from '../db/adapter';
import { forbidden } from '../http/hubError';
import { accountStanding } from '../reputation/standing';

/**
 * Who may see disputes and rule on them: an account the operator granted the
 * reviewer role, or one whose tier unlocks reviewing (tier 2 "expert" in the
 * default table: reputation AND stake). Refuses with what is missing.
 */
export async function requireReviewer(ctx: HubContext, account: Account, db: Queryable = ctx.db): Promise<void> {
  if (account.roles.includes('reviewer')) return;
  const standing = await accountStanding(ctx, account.address, db);
  if (standing.tier.reviewer) return;
  const reviewerTier = ctx.config.tierTable.tiers.find((t) => t.reviewer);
  const missing = standing.nextTier?.needs.map((n) => n.text).join(', ');
  throw forbidden(
    'not_reviewer',
    `${account.address} is tier ${standing.tier.tier} (${standing.tier.name}); reviewing needs the reviewer role or tier ${reviewerTier?.tier ?? '—'}${reviewerTier ? ` (${reviewerTier.name})` : ''}${missing ? ` — next tier needs: ${missing}` : ''}`,
  );
}
