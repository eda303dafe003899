import { getAddress } from 'ethers';
import type { HubContext } from '../context';
import { catchUpReputation } from '../reputation/catchUp';
import { evidenceHash } from './evidenceHash';
import { reachesThreshold } from './slashThreshold';
import { SlashNotApplied, type StakeRegistryClient } from './stakeRegistryClient';
import { countByKind, loadUnspentEvidence } from './unspentEvidence';

export interface SlashOrder {
  account: string;
  /** Why, in the operator's words: stored with the slashing. Required. */
  reason: string;
  /** Wei, or everything staked (active + unbonding). */
  amount: bigint | 'all';
  /** Slash below the evidence threshold. */
  force?: boolean;
}

export interface SlashOutcome {
  slashingId: string;
  account: string;
  amount: bigint;
  evidenceIds: string[];
  evidenceHash: string;
  /** 'pending': sent, but whether it was mined is unknown (the RPC failed); the row stays pending. */
  status: 'slashed' | 'failed' | 'pending';
  txHash: string | null;
  error: string | null;
  fromActive?: bigint;
  fromUnbonding?: bigint;
}

/** A slash refused before anything was stored or sent. */
export class SlashRefused extends Error {
  constructor(
    readonly code: 'reason_required' | 'invalid_amount' | 'no_evidence' | 'below_threshold' | 'nothing_staked' | 'amount_exceeds_stake' | 'slash_pending',
    message: string,
  ) {
    super(message);
  }
}

/** The operator's reason, trimmed; refused when empty (main.ts checks it before opening anything). */
export function requireReason(reason: string | undefined): string {
  const trimmed = (reason ?? '').trim();
  if (!trimmed) throw new SlashRefused('reason_required', 'a slash needs --reason "…": it is stored with the slashing and shown to anyone who asks why');
  return trimmed;
}

/**
 * Slashes an account on the evidence recorded against it and not used by an
 * earlier slash. The slashing row is stored 'pending' BEFORE the transaction
 * is sent (with its evidence ids and hash), gets the tx hash as soon as it
 * is known, then 'slashed' or 'failed' (revert reason): a crash leaves a
 * pending row pointing at what may be on chain, and a pending row blocks
 * another slash of the account until someone looks.
 */
export async function slashAccount(ctx: Pick<HubContext, 'db' | 'config'>, registry: StakeRegistryClient, order: SlashOrder): Promise<SlashOutcome> {
  const reason = requireReason(order.reason);
  if (order.amount !== 'all' && order.amount <= 0n) throw new SlashRefused('invalid_amount', `the amount must be positive wei or "all", got ${order.amount}`);
  const account = getAddress(order.account);
  await catchUpReputation(ctx);

  const stake = await registry.stakeOf(account);
  const staked = stake.active + stake.unbonding;
  if (staked === 0n) throw new SlashRefused('nothing_staked', `${account} has nothing staked in ${registry.registry} (active and unbonding are 0)`);
  const amount = order.amount === 'all' ? staked : order.amount;
  if (amount > staked) throw new SlashRefused('amount_exceeds_stake', `${account} has ${staked} wei staked (${stake.active} active, ${stake.unbonding} unbonding); cannot slash ${amount}`);

  const pending = await ctx.db.transaction(async (tx) => {
    // One slash order per account at a time: two operators must not spend the same evidence twice.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('slash:' || $1))`, [account]);
    const [open] = await tx.query<{ id: string; tx_hash: string | null }>(`SELECT id::text AS id, tx_hash FROM slashings WHERE account = $1 AND status = 'pending' LIMIT 1`, [account]);
    if (open) throw new SlashRefused('slash_pending', `slashing ${open.id} of ${account} is still pending (tx ${open.tx_hash ?? 'not sent'}): check it on chain and mark it before slashing again`);
    const evidence = await loadUnspentEvidence(tx, account);
    if (evidence.length === 0) throw new SlashRefused('no_evidence', `no unused evidence against ${account}: a slash must rest on recorded evidence`);
    const counts = countByKind(evidence);
    const threshold = ctx.config.slashEvidenceThreshold;
    if (!order.force && !reachesThreshold(counts, threshold)) {
      throw new SlashRefused(
        'below_threshold',
        `${account} has ${counts.honeypotFailures} failed honeypot(s) and ${counts.verdictsAgainst} verdict(s) against; the threshold is ${threshold.honeypotFailures} or ${threshold.verdictsAgainst} (use --force to slash anyway)`,
      );
    }
    const hash = evidenceHash(account, evidence);
    const ids = evidence.map((e) => e.id);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO slashings (account, amount, reason, evidence_ids, evidence_hash, status) VALUES ($1, $2, $3, $4::bigint[], $5, 'pending') RETURNING id::text AS id`,
      [account, amount.toString(), reason, ids, hash],
    );
    return { id: row!.id, ids, hash };
  });

  const base = { slashingId: pending.id, account, amount, evidenceIds: pending.ids, evidenceHash: pending.hash };
  let txHash: string | null = null;
  try {
    const sent = await registry.sendSlash(account, amount, pending.hash);
    txHash = sent.txHash;
    await ctx.db.query('UPDATE slashings SET tx_hash = $2 WHERE id = $1', [pending.id, txHash]);
    const event = await sent.confirmed();
    await ctx.db.query(`UPDATE slashings SET status = 'slashed' WHERE id = $1`, [pending.id]);
    return { ...base, status: 'slashed', txHash, error: null, fromActive: event.fromActive, fromUnbonding: event.fromUnbonding };
  } catch (e) {
    const error = (e as Error).message;
    // Only a slash certainly not on chain frees its evidence; an unknown outcome stays pending (with the error) for a person to check.
    const status = e instanceof SlashNotApplied ? 'failed' : 'pending';
    await ctx.db.query(`UPDATE slashings SET status = $2, error = $3, tx_hash = $4 WHERE id = $1`, [pending.id, status, error, txHash]);
    return { ...base, status, txHash, error };
  }
}
