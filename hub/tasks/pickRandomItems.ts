import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/adapter';

/** Seek rounds before the rest is filled in shuffle order (only reached when few eligible items remain). */
const MAX_SEEK_ROUNDS = 8;

/** A uniform point in [0, 1) of the shuffle key, from the CSPRNG: an attacker must not predict where its wallets land. */
export function randomPoint(): number {
  return randomBytes(6).readUIntBE(0, 6) / 2 ** 48;
}

// Eligible: open, a free slot, not already assigned to the caller. Uses items_open_shuffle (task_id, shuffle) WHERE status = 'open'.
const ELIGIBLE = `i.task_id = $1 AND i.status = 'open' AND i.assigned < $2
  AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator = $3)`;

/**
 * One seek per point: the first eligible item at or after the point in
 * shuffle order, wrapping around to the lowest key. Every seek finds an item
 * as long as one is eligible, so an empty result means the caller can take
 * nothing more. Picked items are assigned in the same statement.
 */
const SEEK_AND_ASSIGN = `
WITH picked AS (
  SELECT DISTINCT s.id FROM unnest($4::float8[]) AS p(point), LATERAL (
    (SELECT i.id FROM items i WHERE ${ELIGIBLE} AND i.shuffle >= p.point ORDER BY i.shuffle LIMIT 1)
    UNION ALL
    (SELECT i.id FROM items i WHERE ${ELIGIBLE} ORDER BY i.shuffle LIMIT 1)
    LIMIT 1) s),
added AS (INSERT INTO assignments (item_id, annotator, task_id) SELECT id, $3, $1 FROM picked RETURNING item_id)
UPDATE items SET assigned = assigned + 1 WHERE id IN (SELECT item_id FROM added) RETURNING id, idx`;

/** The rest in shuffle order from one random point (wrapping): bounded work once seeks mostly collide. */
const FILL_AND_ASSIGN = `
WITH picked AS (
  SELECT i.id FROM items i WHERE ${ELIGIBLE} ORDER BY (i.shuffle < $4) , i.shuffle LIMIT $5),
added AS (INSERT INTO assignments (item_id, annotator, task_id) SELECT id, $3, $1 FROM picked RETURNING item_id)
UPDATE items SET assigned = assigned + 1 WHERE id IN (SELECT item_id FROM added) RETURNING id, idx`;

/**
 * Assigns up to `want` new items of a task to `annotator`, drawn from the
 * whole pool of open items by independent uniform points of `items.shuffle`
 * — not in index order and not "partly assigned first", so wallets that ask
 * one after another land on unrelated items and one person with several
 * wallets co-occupies an item only as often as chance says. Two points may
 * hit the same item (or the same run of full items): the shortfall is sought
 * again with fresh points. Must run inside the assignment transaction that
 * serialises the task (assignWork.ts). Returns the items in index order.
 */
export async function pickRandomItems(tx: Queryable, task: { id: string; redundancy: number }, annotator: string, want: number): Promise<{ id: string; idx: number }[]> {
  const picked: { id: string; idx: number }[] = [];
  for (let round = 0; picked.length < want; round++) {
    const shortfall = want - picked.length;
    const rows =
      round < MAX_SEEK_ROUNDS
        ? await tx.query<{ id: string; idx: number }>(SEEK_AND_ASSIGN, [task.id, task.redundancy, annotator, Array.from({ length: shortfall }, randomPoint)])
        : await tx.query<{ id: string; idx: number }>(FILL_AND_ASSIGN, [task.id, task.redundancy, annotator, randomPoint(), shortfall]);
    picked.push(...rows);
    if (rows.length === 0 || round >= MAX_SEEK_ROUNDS) break;
  }
  return picked.sort((a, b) => a.idx - b.idx);
}
