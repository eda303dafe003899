import type { HubConfig } from '../config';
import type { EvidenceReport } from './listEvidence';
import type { SlashOutcome } from './slashAccount';
import { connectStakeRegistry, type StakeRegistryClient } from './stakeRegistryClient';

/** Printing for `npm run hub -- evidence` and `-- slash` (main.ts parses, these words are what the operator reads). */

export function formatEvidenceReport(report: EvidenceReport, opts: { all?: boolean } = {}): string[] {
  const t = report.threshold;
  const lines = [`slashable at ${t.honeypotFailures} failed honeypot(s) or ${t.verdictsAgainst} verdict(s) against (unused evidence)`];
  if (report.accounts.length === 0) lines.push(opts.all ? 'no evidence recorded' : 'no account is slashable (--all lists every account with evidence)');
  for (const a of report.accounts) {
    const slashed = a.slashedAmount > 0n ? `, slashed ${a.slashedAmount} wei so far` : '';
    const pending = a.pendingSlashings > 0 ? `, ${a.pendingSlashings} slashing(s) PENDING` : '';
    lines.push(`${a.account}  honeypot_failed ${a.honeypotFailures}  verdict_against ${a.verdictsAgainst}  used ${a.usedEvidence}  ${a.slashable ? 'SLASHABLE' : 'below threshold'}${slashed}${pending}`);
  }
  if (report.slashings.length > 0) lines.push('slashings:');
  for (const s of report.slashings) {
    const outcome = s.status === 'failed' ? `failed: ${s.error}` : s.status;
    lines.push(`  #${s.id} ${s.createdAt.toISOString()} ${s.account} ${s.amount} wei ${outcome} tx ${s.txHash ?? '-'} evidence [${s.evidenceIds.join(', ')}] hash ${s.evidenceHash} reason "${s.reason}"`);
  }
  const suspect = report.suspectHoneypots;
  if (suspect.length > 0) lines.push(`suspect honeypots (the annotators' consensus contradicts the known answer; scored nobody, no evidence): ${suspect.length}`);
  for (const h of suspect) {
    lines.push(`  task ${h.taskId} (requester ${h.requester}) item ${h.itemId}: known ${h.known.shapes} shape(s) ${JSON.stringify(h.known.classes)}, final ${h.final.shapes} ${JSON.stringify(h.final.classes)}, ${h.submissions} submission(s)`);
  }
  return lines;
}

export function formatSlashOutcome(o: SlashOutcome): string[] {
  const head = `slashing #${o.slashingId}: ${o.account} ${o.amount} wei, evidence [${o.evidenceIds.join(', ')}], evidence hash ${o.evidenceHash}`;
  if (o.status === 'slashed') return [head, `slashed in tx ${o.txHash} (${o.fromActive} from active, ${o.fromUnbonding} from unbonding)`];
  if (o.status === 'failed') return [head, `FAILED: ${o.error}${o.txHash ? ` (tx ${o.txHash})` : ''}; the evidence stays unused`];
  return [head, `OUTCOME UNKNOWN: ${o.error} (tx ${o.txHash ?? 'not known'}); the slashing stays pending: check the transaction`];
}

/** The slasher's view of the registry from the hub's settings: RPC_URL, STAKE_REGISTRY, SLASHER_KEY (or OPERATOR_KEY). */
export function stakeRegistryFromConfig(config: HubConfig): StakeRegistryClient {
  const key = config.slasherKey ?? config.operatorKey;
  const missing = [!config.rpcUrl && 'RPC_URL', !config.stakeRegistry && 'STAKE_REGISTRY', !key && 'SLASHER_KEY (or OPERATOR_KEY)'].filter(Boolean);
  if (missing.length > 0) throw new Error(`slashing needs ${missing.join(', ')} (see hub/README.md, "Evidence and slashing")`);
  return connectStakeRegistry(config.rpcUrl!, key!, config.stakeRegistry!);
}

/** `--amount`: a decimal number of wei, or "all" (the default: everything staked, active and unbonding). */
export function parseSlashAmount(text: string | undefined): bigint | 'all' {
  if (text === undefined || text === 'all') return 'all';
  if (!/^[0-9]+$/.test(text)) throw new Error(`--amount must be a whole number of wei or "all", got "${text}"`);
  return BigInt(text);
}
