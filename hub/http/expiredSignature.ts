import type { HubContext } from '../context';
import { HubError } from './hubError';

/**
 * The deadline check shared by signed batches and verdicts: a signature past
 * its deadline is refused, unless that very signed payload was stored in
 * time — then it is the same upload again and gets its first receipt.
 * Returns null while the deadline has not passed.
 */
export async function receiptIfExpired<R>(ctx: HubContext, deadline: number, what: 'batch' | 'verdict', storedReceipt: () => Promise<R | null>): Promise<R | null> {
  if (deadline >= Math.floor(ctx.now() / 1000)) return null;
  const known = await storedReceipt();
  if (known) return known;
  throw new HubError(400, 'deadline_passed', `the ${what} deadline ${deadline} (${new Date(deadline * 1000).toISOString()}) has passed: sign it again with a later deadline`);
}
