import type { Queryable } from '../db/adapter';
import type { HashedEvidence } from './evidenceHash';

/**
 * Evidence a slash has not used yet. A slashing that is 'slashed' — or still
 * 'pending', whose transaction may have gone through — has used its rows; a
 * 'failed' one has not, so they count again. One misdeed is punished once.
 */
export const UNUSED_EVIDENCE = `NOT EXISTS (SELECT 1 FROM slashings s WHERE s.account = e.account AND s.status IN ('slashed', 'pending') AND e.id = ANY(s.evidence_ids))`;

export async function loadUnspentEvidence(db: Queryable, account: string): Promise<HashedEvidence[]> {
  const rows = await db.query<{ id: string; kind: string; item_id: string | null; task_id: string | null; detail: unknown }>(
    `SELECT e.id::text AS id, e.kind, e.item_id, e.task_id, e.detail FROM evidence e WHERE e.account = $1 AND ${UNUSED_EVIDENCE} ORDER BY e.id`,
    [account],
  );
  return rows.map((r) => ({ id: r.id, kind: r.kind, itemId: r.item_id, taskId: r.task_id, detail: r.detail }));
}

/** Counts by kind, the way the threshold reads them. */
export function countByKind(rows: readonly { kind: string }[]): { honeypotFailures: number; verdictsAgainst: number } {
  return { honeypotFailures: rows.filter((r) => r.kind === 'honeypot_failed').length, verdictsAgainst: rows.filter((r) => r.kind === 'verdict_against').length };
}
