import { emptyAnnotatorReputation, mean, type AnnotatorReputation, type BetaReputation } from '../../core/reputation';
import type { Queryable } from '../db/adapter';

/** One account's stored reputation: as annotator (overall + per class) and, once they ruled, as reviewer. */
export interface StoredReputation {
  annotator: AnnotatorReputation;
  reviewer: BetaReputation | null;
  /** The overall Beta when the last epoch closed: this epoch's reward multiplier is read from it. */
  paidOverall: BetaReputation | null;
}

export type HistoryKind = 'consensus' | 'verdict' | 'honeypot' | 'review';

/** A line of an account's history: what moved its mean, and by how much. */
export interface HistoryEntry {
  account: string;
  at: Date;
  kind: HistoryKind;
  itemId: string | null;
  delta: number;
  mean: number;
}

export function freshReputation(): StoredReputation {
  return { annotator: emptyAnnotatorReputation(), reviewer: null, paidOverall: null };
}

export async function loadReputations(db: Queryable, accounts: readonly string[]): Promise<Map<string, StoredReputation>> {
  const rows = await db.query<{ account: string; annotator: AnnotatorReputation; reviewer: BetaReputation | null; paid_overall: BetaReputation | null }>(
    'SELECT account, annotator, reviewer, paid_overall FROM reputations WHERE account = ANY($1::text[])',
    [[...new Set(accounts)]],
  );
  const out = new Map<string, StoredReputation>();
  for (const a of accounts) out.set(a, freshReputation());
  for (const r of rows) out.set(r.account, { annotator: r.annotator, reviewer: r.reviewer, paidOverall: r.paid_overall });
  return out;
}

export async function loadReputation(db: Queryable, account: string): Promise<StoredReputation> {
  return (await loadReputations(db, [account])).get(account)!;
}

/** Writes the records and their history lines (call inside the transaction that decided them). */
export async function saveReputations(tx: Queryable, reps: Map<string, StoredReputation>, history: readonly HistoryEntry[]): Promise<void> {
  if (reps.size > 0) {
    const accounts = [...reps.keys()];
    await tx.query(
      `INSERT INTO reputations (account, annotator, reviewer, updated_at)
       SELECT account, annotator::jsonb, reviewer::jsonb, now() FROM unnest($1::text[], $2::text[], $3::text[]) AS u(account, annotator, reviewer)
       ON CONFLICT (account) DO UPDATE SET annotator = EXCLUDED.annotator, reviewer = EXCLUDED.reviewer, updated_at = now()`,
      [accounts, accounts.map((a) => JSON.stringify(reps.get(a)!.annotator)), accounts.map((a) => (reps.get(a)!.reviewer ? JSON.stringify(reps.get(a)!.reviewer) : null))],
    );
  }
  if (history.length > 0) {
    await tx.query(
      `INSERT INTO reputation_history (account, at, kind, item_id, delta, mean)
       SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::float8[], $6::float8[])`,
      [history.map((h) => h.account), history.map((h) => h.at.toISOString()), history.map((h) => h.kind), history.map((h) => h.itemId), history.map((h) => h.delta), history.map((h) => h.mean)],
    );
  }
}

/** Applies `update` to one account's annotator record and notes the change of its overall mean. */
export function updateAnnotator(
  reps: Map<string, StoredReputation>,
  history: HistoryEntry[],
  line: Omit<HistoryEntry, 'delta' | 'mean'>,
  update: (rep: AnnotatorReputation) => AnnotatorReputation,
): void {
  const rep = reps.get(line.account) ?? freshReputation();
  const before = mean(rep.annotator.overall);
  const annotator = update(rep.annotator);
  const after = mean(annotator.overall);
  reps.set(line.account, { ...rep, annotator });
  history.push({ ...line, delta: after - before, mean: after });
}

/** Serialises reputation read-modify-write across hubs sharing one server. */
export async function lockReputations(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(424250)');
}

export async function readHistory(db: Queryable, account: string, limit = 200) {
  const rows = await db.query<{ at: Date; kind: string; item_id: string | null; delta: number; mean: number }>(
    'SELECT at, kind, item_id, delta, mean FROM reputation_history WHERE account = $1 ORDER BY id DESC LIMIT $2',
    [account, limit],
  );
  return rows.reverse().map((r) => ({ at: new Date(r.at).toISOString(), kind: r.kind, ...(r.item_id ? { itemId: r.item_id } : {}), delta: r.delta, mean: r.mean }));
}
