import type { HubContext } from '../context';
import { scoreHoneypotSubmissions } from './honeypots';
import { scoreFinalItems } from './scoreFinalItems';

/**
 * Brings reputations up to date with what the database already records:
 * honeypot submissions, then items whose final labels are known. Derived
 * from the rows (like consensus readiness), so nothing is lost if the hub
 * stops, and the batch-ingest path stays untouched: whoever reads a
 * reputation (GET /reputation, assignment tiers, disputes, epoch close)
 * calls this first. Waits for queued consensus rounds so a read after an
 * upload sees its effect (assignment skips that wait: it ranks by what is
 * already decided).
 */
export async function catchUpReputation(ctx: Pick<HubContext, 'db' | 'config' | 'consensusIdle'>, opts: { waitForConsensus?: boolean } = {}): Promise<void> {
  if (opts.waitForConsensus !== false) await ctx.consensusIdle();
  await scoreHoneypotSubmissions(ctx);
  await scoreFinalItems(ctx);
}
