import type pg from 'pg';
import { normalisedQueryable, SessionLockBusy, SessionLockLost, type LockedSession } from './adapter';

/**
 * A session advisory lock on one connection taken from `pool` and kept for
 * the whole of `fn`, so it holds across every hub process on the server.
 * A transaction-scoped lock would not do: the work under it (consensus,
 * building the epoch, an RPC round trip, waiting for the receipt) spans
 * several transactions and minutes.
 */
export async function withPostgresSessionLock<T>(pool: pg.Pool, key: bigint, wait: boolean, fn: (session: LockedSession) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  // A checked-out client's error (server restart, killed backend) must not crash the hub; the lock is gone with it.
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  try {
    if (wait) {
      await client.query('SELECT pg_advisory_lock($1::bigint)', [key.toString()]);
    } else {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key.toString()]);
      if (!rows[0]?.locked) throw new SessionLockBusy(key);
    }
    const query = normalisedQueryable(client).query;
    const session: LockedSession = {
      query,
      async assertHeld() {
        const held = broken
          ? []
          : await client
              .query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = $1::bigint`, [key.toString()])
              .then((r) => r.rows, () => []);
        if (held.length === 0) throw new SessionLockLost(key);
      },
    };
    try {
      return await fn(session);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [key.toString()]).catch(() => {
        broken = true;
      });
    }
  } finally {
    client.off('error', onError);
    // A connection whose unlock failed is destroyed rather than pooled: closing it is what releases the lock.
    client.release(broken);
  }
}
