import type { Account } from '../auth/roles';
import type { HubContext } from '../context';
import { requireReviewer } from '../disputes/reviewerAccess';
import { HubError } from '../http/hubError';
import { catchUpReputation } from '../reputation/catchUp';

/**
 * The reviewer check of disputes and verdicts (granted role, or a tier that
 * reviews), with the tier read from an up-to-date reputation. Throws
 * `not_reviewer` (403) saying what is missing.
 */
export async function requireReviewerRights(ctx: HubContext, account: Account): Promise<void> {
  if (!account.roles.includes('reviewer')) await catchUpReputation(ctx);
  await requireReviewer(ctx, account);
}

/** The same check as a yes/no, for rules where a non-reviewer is simply not let in. */
export async function hasReviewerRights(ctx: HubContext, account: Account): Promise<boolean> {
  try {
    await requireReviewerRights(ctx, account);
    return true;
  } catch (e) {
    if (e instanceof HubError && e.code === 'not_reviewer') return false;
    throw e;
  }
}
