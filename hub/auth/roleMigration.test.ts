import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../db/migrations';
import { openPgliteDb } from '../db/pgliteDb';

/**
 * Migration 6 (db/requesterMigration.ts) on a database that has lived under
 * migrations 1–5: reviewer grants stored in accounts.roles move to
 * role_grants, and nothing else stored there (a stale 'operator' or
 * 'requester' written by an old sign-in) comes back as a role.
 */
describe('migration 6: granted roles move to role_grants', () => {
  it('keeps every reviewer grant, drops the configured roles old sign-ins wrote, and adds the task columns', async () => {
    const db = await openPgliteDb(undefined);
    try {
      await db.query('CREATE TABLE schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const m of migrations.filter((x) => x.version < 6)) {
        for (const s of m.statements) await db.query(s);
        await db.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      }
      await db.query(`INSERT INTO accounts (address, roles) VALUES ('0xR', ARRAY['annotator', 'reviewer']), ('0xO', ARRAY['annotator', 'operator', 'requester']), ('0xA', ARRAY['annotator'])`);
      await db.query(`INSERT INTO tasks (id, task_hash, requester, title, label_schema, redundancy, reward_per_item, reward_token, item_count) VALUES ('t', '0x1', '0xO', 'old', '{}'::jsonb, 1, 1, '0x2', 0)`);

      // 6 and every later migration.
      expect(await migrate(db)).toEqual(migrations.filter((x) => x.version >= 6).map((x) => x.version));

      expect(await db.query('SELECT address, role, granted_by FROM role_grants ORDER BY address')).toEqual([{ address: '0xR', role: 'reviewer', granted_by: 'migration 6' }]);
      expect((await db.query<{ roles: string[] }>('SELECT DISTINCT roles FROM accounts')).map((r) => r.roles)).toEqual([[]]);
      const [task] = await db.query<{ instructions: string; examples: string[]; deadline: Date | null }>("SELECT instructions, examples, deadline FROM tasks WHERE id = 't'");
      expect(task).toEqual({ instructions: '', examples: [], deadline: null });
      await expect(db.query(`INSERT INTO role_grants (address, role, granted_by) VALUES ('0xX', 'operator', 'x')`)).rejects.toThrow();
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.close();
    }
  }, 60_000);
});
