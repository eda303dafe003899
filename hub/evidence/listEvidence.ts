import type { HubContext } from '../context';
import { catchUpReputation } from '../reputation/catchUp';
import { listSuspectHoneypots, type SuspectHoneypot } from '../reputation/suspectHoneypots';
import { reachesThreshold } from './slashThreshold';
import { UNUSED_EVIDENCE } from './unspentEvidence';

export interface AccountEvidence {
  account: string;
  /** Unused evidence (not yet the basis of a slash), by kind. */
  honeypotFailures: number;
  verdictsAgainst: number;
  /** Evidence already used by slashes (slashed or pending). */
  usedEvidence: number;
  slashable: boolean;
  /** Sum of this account's successful slashes, in wei. */
  slashedAmount: bigint;
  pendingSlashings: number;
}

export interface SlashingRecord {
  id: string;
  account: string;
  amount: bigint;
  reason: string;
  evidenceIds: string[];
  evidenceHash: string;
  status: 'pending' | 'slashed' | 'failed';
  txHash: string | null;
  error: string | null;
  createdAt: Date;
}

export interface EvidenceReport {
  threshold: HubContext['config']['slashEvidenceThreshold'];
  accounts: AccountEvidence[];
  slashings: SlashingRecord[];
  /** Honeypots the annotators' consensus contradicted: they scored nobody; the operator may want a word with their requester. */
  suspectHoneypots: SuspectHoneypot[];
}

/**
 * Accounts with evidence against them and the slashings ordered so far.
 * Evidence is recorded when reputation is scored, so reputation is brought
 * up to date first. Without `all`, only slashable accounts (and the
 * slashings of the last 20) are listed.
 */
export async function listEvidence(ctx: Pick<HubContext, 'db' | 'config'>, opts: { all?: boolean } = {}): Promise<EvidenceReport> {
  await catchUpReputation(ctx);
  const threshold = ctx.config.slashEvidenceThreshold;
  const counts = await ctx.db.query<{ account: string; honeypot_failures: number; verdicts_against: number; used: number }>(
    `SELECT e.account,
       count(*) FILTER (WHERE e.kind = 'honeypot_failed' AND ${UNUSED_EVIDENCE})::int AS honeypot_failures,
       count(*) FILTER (WHERE e.kind = 'verdict_against' AND ${UNUSED_EVIDENCE})::int AS verdicts_against,
       count(*) FILTER (WHERE NOT ${UNUSED_EVIDENCE})::int AS used
     FROM evidence e GROUP BY e.account ORDER BY e.account`,
  );
  const totals = await ctx.db.query<{ account: string; slashed: string | null; pending: number }>(
    `SELECT account, (sum(amount) FILTER (WHERE status = 'slashed'))::text AS slashed, count(*) FILTER (WHERE status = 'pending')::int AS pending FROM slashings GROUP BY account`,
  );
  const byAccount = new Map(totals.map((t) => [t.account, t]));
  const accounts = counts
    .map((c) => {
      const t = byAccount.get(c.account);
      const kinds = { honeypotFailures: c.honeypot_failures, verdictsAgainst: c.verdicts_against };
      return { account: c.account, ...kinds, usedEvidence: c.used, slashable: reachesThreshold(kinds, threshold), slashedAmount: BigInt(t?.slashed ?? 0), pendingSlashings: t?.pending ?? 0 };
    })
    .filter((a) => opts.all || a.slashable);
  const slashings = await ctx.db.query<{ id: string; account: string; amount: string; reason: string; evidence_ids: string[]; evidence_hash: string; status: SlashingRecord['status']; tx_hash: string | null; error: string | null; created_at: Date }>(
    `SELECT id::text AS id, account, amount::text AS amount, reason, evidence_ids::text[] AS evidence_ids, evidence_hash, status, tx_hash, error, created_at
     FROM slashings ORDER BY id DESC ${opts.all ? '' : 'LIMIT 20'}`,
  );
  return {
    threshold,
    accounts,
    suspectHoneypots: await listSuspectHoneypots(ctx),
    slashings: slashings.reverse().map((s) => ({
      id: s.id,
      account: s.account,
      amount: BigInt(s.amount),
      reason: s.reason,
      evidenceIds: s.evidence_ids,
      evidenceHash: s.evidence_hash,
      status: s.status,
      txHash: s.tx_hash,
      error: s.error,
      createdAt: new Date(s.created_at),
    })),
  };
}
