import type { Queryable } from '../db/adapter';
import { evidenceDocument, evidenceHash } from './evidenceHash';

export interface SlashingDocument {
  slashingId: string;
  account: string;
  /** The exact text whose keccak256 is the evidence hash (evidenceHash.ts). */
  document: string;
  recordedHash: string;
  recomputedHash: string;
  txHash: string | null;
}

/**
 * The evidence document of a slashing, rebuilt from its evidence ids, with
 * the hash recomputed beside the recorded one: what an auditor compares
 * with the `Slashed` event of `txHash`. Evidence rows never change, so the
 * two hashes agree unless the database was tampered with.
 */
export async function slashingDocument(db: Queryable, slashingId: string): Promise<SlashingDocument | null> {
  if (!/^[0-9]{1,18}$/.test(slashingId)) return null;
  const [s] = await db.query<{ id: string; account: string; evidence_ids: string[]; evidence_hash: string; tx_hash: string | null }>(
    'SELECT id::text AS id, account, evidence_ids::text[] AS evidence_ids, evidence_hash, tx_hash FROM slashings WHERE id = $1::bigint',
    [slashingId],
  );
  if (!s) return null;
  const rows = await db.query<{ id: string; kind: string; item_id: string | null; task_id: string | null; detail: unknown }>(
    'SELECT id::text AS id, kind, item_id, task_id, detail FROM evidence WHERE id = ANY($1::bigint[]) ORDER BY id',
    [s.evidence_ids],
  );
  const evidence = rows.map((r) => ({ id: r.id, kind: r.kind, itemId: r.item_id, taskId: r.task_id, detail: r.detail }));
  return {
    slashingId: s.id,
    account: s.account,
    document: evidenceDocument(s.account, evidence),
    recordedHash: s.evidence_hash,
    recomputedHash: evidenceHash(s.account, evidence),
    txHash: s.tx_hash,
  };
}
