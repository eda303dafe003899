import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/adapter';
import { randomSlotShard } from './openSlots';
import { ITEM_COLUMNS, type ItemRow } from './itemRow';

/** Seek rounds before the rest is filled in shuffle order (only reached when few eligible items remain). */
const MAX_SEEK_ROUNDS = 8;

/** A uniform point in [0, 1) of the shuffle key, from the CSPRNG: an attacker must not predict where its wallets land. */
export function randomPoint(): number {
  return randomBytes(6).readUIntBE(0, 6) / 2 ** 48;
}

// Eligible: a free slot (items_pickable: open_slots > 0 AND status = 'open', in shuffle order), not already the caller's.
// The conditions stay in the query even though the index implies them: a row locked FOR UPDATE after another
// transaction changed it is re-checked against them (that re-check is what stops an item going past k).
const ELIGIBLE = `i.task_id = $1 AND i.open_slots > 0 AND i.status = 'open'
  AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator = $2)`;

/**
 * Takes the picked items: one assignment row each (the primary key annotator + item refuses a second one for the
 * same annotator, ON CONFLICT skips it), one slot of each item, and the same number off one shard of the task's
 * counter (openSlots.ts), all in one statement.
 */
const TAKE = `
added AS (INSERT INTO assignments (item_id, annotator, task_id) SELECT id, $2, $1 FROM picked WHERE id IS NOT NULL
          ON CONFLICT DO NOTHING RETURNING item_id),
taken AS (UPDATE items SET open_slots = open_slots - 1, assigned = assigned + 1 WHERE id IN (SELECT item_id FROM added)
          RETURNING ${ITEM_COLUMNS}),
counted AS (INSERT INTO task_open_slots (task_id, shard, slots) SELECT $1, $3, -count(*) FROM taken HAVING count(*) > 0
            ON CONFLICT (task_id, shard) DO UPDATE SET slots = task_open_slots.slots + EXCLUDED.slots)
SELECT * FROM taken`;

/**
 * One seek per point: the first eligible item at or after the point in shuffle order, else (wrapping around) the
 * first from the lowest key. FOR UPDATE SKIP LOCKED: an item another request is taking right now is passed over,
 * never waited for, so concurrent askers neither block each other nor both take its last slot.
 */
const SEEK_AND_TAKE = `
WITH picked AS (
  SELECT DISTINCT coalesce(s1.id, s2.id) AS id FROM unnest($4::float8[]) AS p(point)
  LEFT JOIN LATERAL (SELECT i.id FROM items i WHERE ${ELIGIBLE} AND i.shuffle >= p.point ORDER BY i.shuffle LIMIT 1 FOR UPDATE SKIP LOCKED) s1 ON true
  LEFT JOIN LATERAL (SELECT i.id FROM items i WHERE s1.id IS NULL AND ${ELIGIBLE} ORDER BY i.shuffle LIMIT 1 FOR UPDATE SKIP LOCKED) s2 ON true),
${TAKE}`;

/** The next `$5` eligible items in shuffle order from `$4`: bounded work once seeks mostly collide. */
const FILL_AND_TAKE = `
WITH picked AS (SELECT i.id FROM items i WHERE ${ELIGIBLE} AND i.shuffle >= $4 ORDER BY i.shuffle LIMIT $5 FOR UPDATE SKIP LOCKED),
${TAKE}`;


/**
 * Assigns up to `want` new items of a task to `annotator`, drawn from the
 * whole pool of items with a free slot by independent uniform points of
 * `items.shuffle` — not in index order and not "partly assigned first", so
 * wallets that ask one after another land on unrelated items and one person
 * with several wallets co-occupies an item only as often as chance says. Two
 * points may hit the same item: the shortfall is sought again with fresh
 * points. Each seek reads the partial index items_pickable from its point, so
 * a request costs O(want · log n), not O(task), and needs no task-wide lock:
 * item rows are locked with SKIP LOCKED. An item locked by a concurrent
 * request is skipped, so near the end of a pool a request may get fewer items
 * than are free (the next one gets them). Returns the items in index order.
 */
export async function pickRandomItems(tx: Queryable, task: { id: string }, annotator: string, want: number): Promise<ItemRow[]> {
  const picked: ItemRow[] = [];
  const shard = randomSlotShard();
  for (let round = 0; picked.length < want; round++) {
    const shortfall = want - picked.length;
    if (round < MAX_SEEK_ROUNDS) {
      const rows = await tx.query<ItemRow>(SEEK_AND_TAKE, [task.id, annotator, shard, Array.from({ length: shortfall }, randomPoint)]);
      picked.push(...rows);
      if (rows.length === 0) break;
      continue;
    }
    // Few eligible items are left for this caller: take the rest in shuffle order from a random point, wrapping once.
    const start = randomPoint();
    picked.push(...(await tx.query<ItemRow>(FILL_AND_TAKE, [task.id, annotator, shard, start, shortfall])));
    if (picked.length < want) picked.push(...(await tx.query<ItemRow>(FILL_AND_TAKE, [task.id, annotator, shard, 0, want - picked.length])));
    break;
  }
  return picked.sort((a, b) => a.idx - b.idx);
}
