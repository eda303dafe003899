import pg from 'pg';
import { normalisedQueryable, normaliseRow, type Db, type Row } from './adapter';
import { withPostgresSessionLock } from './postgresSessionLock';

const INT8 = 20;

/** A real PostgreSQL server through a small pool. */
export async function openPostgresDb(connectionString: string, max = 4): Promise<Db> {
  // Per-pool type parsers, so other pg users in the same process keep theirs.
  const typeParser = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8 ? (v: string) => BigInt(v) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString, max, types: typeParser });
  // An idle client's error (server restart) must not crash the hub.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  const wrap = normalisedQueryable;
  const base = wrap(pool);
  return {
    kind: 'postgres',
    query: base.query,
    exec: async (sql) => {
      // Several statements answer an array of results (the simple protocol); one answers one.
      const res = (await pool.query(sql)) as unknown as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(res) ? res.at(-1) : res;
      return (last?.rows ?? []).map((r) => normaliseRow(r as Row));
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    withSessionLock: (key, { wait }, fn) => withPostgresSessionLock(pool, key, wait, fn),
    close: () => pool.end(),
  };
}
