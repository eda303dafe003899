import type { HubContext } from '../context';
import { scoreHoneypotSubmissions } from './honeypots';
import { scoreFinalItems } from './scoreFinalItems';

/**
 * Brings reputations up to date with what the database already records:
 * honeypot submissions, then items whose final labels are known. Derived
 * from the rows (like consensus readiness), so nothing is lost if the hub
 * stops, and the batch-ingest path stays untouched: whoever reads a
 * reputation (GET /reputation, assignment tiers, disputes, epoch close)
 * calls this first. It does not wait for queued decisions: the queue
 * holds every task's jobs from every process (and a dead process's job
 * until it expires), so a reputation read answers from what is decided now;
 * the decision job scores its items itself moments later (hub/jobs/README.md).
 */
export async function catchUpReputation(ctx: Pick<HubContext, 'db' | 'config'>): Promise<void> {
  await scoreHoneypotSubmissions(ctx);
  await scoreFinalItems(ctx);
}
