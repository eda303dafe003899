import type { Provider } from 'ethers';
import type { TokenRewards } from '../../common/services/rewardsService';
import { balanceOrNull, readTokenFacts } from './tokenFacts';

/** A task's claim as far as the sums need it: its token (from its pool on chain), cumulative earned, already claimed. */
export interface TokenClaim {
  token: string;
  cumulative: string;
  claimed: bigint;
}

/**
 * Earned, claimed and claimable per token, the pinned token first (even with nothing earned in it), then
 * every other token a task pays in, in address order. Amounts of different tokens are never added up.
 * Symbol, decimals and balance come from each token contract; a token that does not answer shows nulls.
 */
export async function tokenRewards(provider: Provider, account: string, pinned: string, claims: readonly TokenClaim[]): Promise<TokenRewards[]> {
  const others = [...new Set(claims.map((c) => c.token).filter((t) => t !== pinned))].sort();
  return Promise.all(
    [pinned, ...others].map(async (token) => {
      const mine = claims.filter((c) => c.token === token);
      const earned = mine.reduce((sum, c) => sum + BigInt(c.cumulative), 0n);
      const claimed = mine.reduce((sum, c) => sum + c.claimed, 0n);
      const [facts, balance] = await Promise.all([readTokenFacts(provider, token), balanceOrNull(provider, token, account)]);
      return {
        token,
        tokenSymbol: facts.symbol,
        tokenDecimals: facts.decimals,
        earned: earned.toString(),
        claimed: claimed.toString(),
        claimable: (earned > claimed ? earned - claimed : 0n).toString(),
        balance: balance === null ? null : balance.toString(),
        tasks: mine.length,
      };
    }),
  );
}
