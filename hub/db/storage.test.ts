import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './adapter';
import { migrate, migrations } from './migrations';
import { openDb } from './openDb';
import { describeOnPostgres } from './testPostgres';


function storageSuite(name: string, open: () => Promise<Db>) {
  describe(`hub storage on ${name}`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await open();
    }, 180_000);
    afterAll(async () => {
      await db?.close();
    });

    it('migrates once: a second run applies nothing', async () => {
      expect(await migrate(db)).toEqual([]);
      const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    });

    it('normalises driver types: int8 → bigint, bytea → Buffer, jsonb → object, numeric → string', async () => {
      const [row] = await db.query<{ big: bigint; bytes: Buffer; doc: unknown; amount: string }>(
        `SELECT 9007199254740993::int8 AS big, decode($1, 'base64') AS bytes, $2::jsonb AS doc, $3::numeric(78,0) AS amount`,
        [Buffer.from([1, 2, 255]).toString('base64'), JSON.stringify([{ a: 1 }]), '115792089237316195423570985008687907853269984665640564039457584007913129639935'],
      );
      expect(row!.big).toBe(9007199254740993n);
      expect(Buffer.isBuffer(row!.bytes)).toBe(true);
      expect([...row!.bytes]).toEqual([1, 2, 255]);
      expect(row!.doc).toEqual([{ a: 1 }]);
      expect(row!.amount).toBe('115792089237316195423570985008687907853269984665640564039457584007913129639935');
    });

    it('rolls a failed transaction back completely', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`INSERT INTO accounts (address, roles) VALUES ('0xrollback', ARRAY['annotator'])`);
          await tx.query(`INSERT INTO accounts (address, roles) VALUES ('0xrollback', ARRAY['annotator'])`);
        }),
      ).rejects.toThrow(/duplicate key/);
      expect(await db.query(`SELECT 1 FROM accounts WHERE address = '0xrollback'`)).toEqual([]);
    });

    it('commits a transaction and returns its value', async () => {
      const id = await db.transaction(async (tx) => {
        const [r] = await tx.query<{ address: string }>(`INSERT INTO accounts (address, roles) VALUES ('0xcommit', ARRAY['requester']) RETURNING address`);
        return r!.address;
      });
      expect(id).toBe('0xcommit');
      const [acc] = await db.query<{ roles: string[] }>(`SELECT roles FROM accounts WHERE address = '0xcommit'`);
      expect(acc!.roles).toEqual(['requester']);
    });
  });
}

storageSuite('PGlite (in memory)', () => openDb({}));

describeOnPostgres('hub storage', (url) => storageSuite('PostgreSQL (throwaway cluster on loopback)', () => openDb({ databaseUrl: url() })));
