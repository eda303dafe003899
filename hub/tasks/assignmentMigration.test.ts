import { getAddress, hexlify, randomBytes } from 'ethers';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIER_TABLE } from '../../core/reputation';
import type { ResolvedConfig } from '../context';
import type { Db } from '../db/adapter';
import { keepStatistics } from '../db/keepStatistics';
import { migrate, migrations } from '../db/migrations';
import { openPgliteDb } from '../db/pgliteDb';
import { openPostgresDb } from '../db/postgresDb';
import { describeOnPostgres } from '../db/testPostgres';
import { createStakeReader } from '../tiers/stakeReader';
import { assignWork } from './assignWork';
import { recountOpenSlots } from './openSlots';

const REQUESTER = getAddress(hexlify(randomBytes(20)));
const annotator = () => getAddress(hexlify(randomBytes(20)));

/** A database as a hub before migration 9 left it: tasks, items with `assigned`, assignment rows, one decided item. */
async function databaseAtVersion8(db: Db) {
  await db.query('CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const m of migrations.filter((m) => m.version < 9)) {
    for (const s of m.statements) await db.query(s);
    await db.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
  }
  const task = (id: string, k: number, items: number) =>
    db.query(
      `INSERT INTO tasks (id, task_hash, requester, title, label_schema, redundancy, reward_per_item, reward_token, item_count)
       VALUES ($1, $1, $2, 't', '{"classes":[{"name":"car"}]}'::jsonb, $3, 1, $2, $4)`,
      [id, REQUESTER, k, items],
    );
  await task('t1', 3, 4);
  await task('t2', 2, 1);
  const item = (id: string, taskId: string, idx: number, status = 'open') =>
    db.query(`INSERT INTO items (id, task_id, idx, sha256, file_name, width, height, status) VALUES ($1, $2, $3, $1, 'f.jpg', 10, 10, $4)`, [id, taskId, idx, status]);
  await item('free', 't1', 0);
  await item('twice', 't1', 1);
  await item('decided', 't1', 2, 'accepted');
  await item('once', 't1', 3);
  await item('other', 't2', 0);
  const assign = async (itemId: string, n: number) => {
    for (let i = 0; i < n; i++) {
      await db.query('INSERT INTO assignments (item_id, annotator, task_id) SELECT $1, $2, task_id FROM items WHERE id = $1', [itemId, annotator()]);
      await db.query('UPDATE items SET assigned = assigned + 1 WHERE id = $1', [itemId]);
    }
  };
  await assign('twice', 2);
  await assign('decided', 3);
  await assign('once', 1);
}

async function checkBackfill(db: Db) {
  await databaseAtVersion8(db);
  expect(await migrate(db)).toContain(9);
  const slots = await db.query<{ id: string; open_slots: number }>('SELECT id, open_slots FROM items ORDER BY id');
  expect(Object.fromEntries(slots.map((r) => [r.id, r.open_slots]))).toEqual({ free: 3, twice: 1, decided: 0, once: 2, other: 2 });
  expect(await recountOpenSlots(db, 't1')).toEqual({ counter: 6, recount: 6, itemsDrift: 0 });
  expect(await recountOpenSlots(db, 't2')).toEqual({ counter: 2, recount: 2, itemsDrift: 0 });
  // The migrated task assigns from its backfilled counters: all six free slots, never the decided item, each item to k.
  const ctx = {
    db,
    config: { maxOpenAssignments: 50, tierTable: DEFAULT_TIER_TABLE } as ResolvedConfig,
    stake: createStakeReader(undefined, undefined),
    statistics: keepStatistics(db),
    now: Date.now,
  };
  // One after another: concurrent askers may skip an item another is taking (SKIP LOCKED), which is not what this checks.
  const got: string[] = [];
  for (const a of [annotator(), annotator(), annotator()]) got.push(...(await assignWork(ctx, a, 't1', 10)).map((i) => i.itemId));
  expect(got.sort()).toEqual(['free', 'free', 'free', 'once', 'once', 'twice']);
  expect(await recountOpenSlots(db, 't1')).toEqual({ counter: 0, recount: 0, itemsDrift: 0 });
  await ctx.statistics.close();
}

describe('migration 9 backfills the open-slot counters of an existing database', () => {
  it('on PGlite', async () => {
    const db = await openPgliteDb();
    try {
      await checkBackfill(db);
    } finally {
      await db.close();
    }
  }, 300_000);
});

describeOnPostgres('migration 9 backfill', (url) => {
  it('on PostgreSQL', async () => {
    const db = await openPostgresDb(url(), 4);
    try {
      await checkBackfill(db);
    } finally {
      await db.close();
    }
  }, 300_000);
});
