import type { Queryable } from '../db/adapter';

/** What a slash may rest on: a submission scored against a known answer, or a verdict against an annotator's labels. */
export type EvidenceKind = 'honeypot_failed' | 'verdict_against';

export interface EvidenceInput {
  account: string;
  kind: EvidenceKind;
  itemId: string;
  taskId: string;
  /** Plain JSON of strings and integers only: it enters the evidence hash (see evidenceHash.ts). */
  detail: Record<string, unknown>;
}

/**
 * Records evidence rows inside the caller's transaction (the one that scores
 * the same submissions, so scoring and evidence never disagree). One row per
 * (account, kind, item): recording again is a no-op, and a row once recorded
 * never changes, so a slash's evidence hash stays recomputable.
 */
export async function recordEvidence(tx: Queryable, rows: readonly EvidenceInput[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO evidence (account, kind, item_id, task_id, detail)
     SELECT account, kind, item_id, task_id, detail::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(account, kind, item_id, task_id, detail)
     ON CONFLICT (account, kind, item_id) DO NOTHING`,
    [rows.map((r) => r.account), rows.map((r) => r.kind), rows.map((r) => r.itemId), rows.map((r) => r.taskId), rows.map((r) => JSON.stringify(r.detail))],
  );
}
