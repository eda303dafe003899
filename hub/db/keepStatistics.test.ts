import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from './adapter';
import { keepStatistics } from './keepStatistics';
import { migrate } from './migrations';
import { openPgliteDb } from './pgliteDb';

let db: Db;
beforeAll(async () => {
  db = await openPgliteDb();
  await migrate(db);
}, 180_000);
afterAll(() => db?.close());

/** pg_class.reltuples of items: -1 until the table is first analysed, then what ANALYZE counted. */
const itemStatistics = async () => (await db.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'items'::regclass`))[0]!.n;

async function addItems(from: number, count: number) {
  await db.query(`INSERT INTO tasks (id, task_hash, requester, title, label_schema, redundancy, reward_per_item, reward_token, item_count)
    VALUES ('t', 'h', 'r', 't', '{}'::jsonb, 3, 1, 'tok', 0) ON CONFLICT DO NOTHING`);
  await db.query(
    `INSERT INTO items (id, task_id, idx, sha256, file_name, width, height, open_slots, shuffle)
     SELECT 'i' || g, 't', g, md5(g::text), 'f', 1, 1, 3, random() FROM generate_series($1::int, $1::int + $2::int - 1) g`,
    [from, count],
  );
}

/** Waits (bounded) until items' statistics say `rows`; false if they never do. */
async function statisticsReach(rows: number, maxMs = 60_000): Promise<boolean> {
  for (const deadline = Date.now() + maxMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
    if ((await itemStatistics()) === rows) return true;
  }
  return false;
}

it('analyses once the rows written reach 500, or 10 % of the tables once they are large (autovacuum’s rule), not on every trickle', async () => {
  const keeper = keepStatistics(db, { minIntervalMs: 0 });
  try {
    await addItems(0, 400);
    keeper.touched(400);
    await new Promise((r) => setTimeout(r, 300));
    expect(await itemStatistics()).toBe(-1); // under the 500-row floor: never analysed
    await addItems(400, 19_600);
    keeper.touched(19_600);
    expect(await statisticsReach(20_000)).toBe(true);
    // 1,000 more rows: over the floor, but under 10 % of the 20,000 the keeper now knows of.
    await addItems(20_000, 1_000);
    keeper.touched(1_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(await itemStatistics()).toBe(20_000);
    // 1,500 more: 2,500 since the last run, over 10 %.
    await addItems(21_000, 1_500);
    keeper.touched(1_500);
    expect(await statisticsReach(22_500)).toBe(true);
  } finally {
    await keeper.close();
  }
}, 180_000);
