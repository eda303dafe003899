import pg from 'pg';
import { normalisedQueryable, normaliseRow, type Db, type Row } from './adapter';
import { withPostgresSessionLock } from './postgresSessionLock';

const INT8 = 20;

/**
 * A real PostgreSQL server through a small pool whose connections stay open
 * once made. node-postgres closes a connection idle for 10 s by default: after
 * a burst had opened the whole pool, the connections the lighter traffic that
 * followed did not reach were all closed at once 10 s later, and each later
 * peak of concurrency opened them again (a new backend, cold caches) and lost
 * them 10 s after. Under a steady 20 work requests/s on bench:assign that
 * churn was the tail (p95 345–760 ms; 15 ms with the connections kept): ~30
 * backends exiting together stalled the running requests for most of a
 * second, and the requests arriving meanwhile each waited for a new
 * connection and its cold caches. `max` bounds what is kept. Idle
 * connections do not hold the process open (allowExitOnIdle), as the 10 s
 * timeout let it exit before. TCP keepalive: the OS probes a long-idle
 * connection, so one that died on the way to the server errors while idle
 * and the pool drops it (a new one is opened when needed).
 */
export async function openPostgresDb(connectionString: string, max = 4): Promise<Db> {
  // Per-pool type parsers, so other pg users in the same process keep theirs.
  const typeParser = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8 ? (v: string) => BigInt(v) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString, max, types: typeParser, idleTimeoutMillis: 0, allowExitOnIdle: true, keepAlive: true, keepAliveInitialDelayMillis: 30_000 });
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
