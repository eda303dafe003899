/**
 * One small interface over PGlite (embedded, WASM) and node-postgres, so the
 * hub runs the same SQL on both. The drivers disagree on result types; these
 * adapters normalise them: int8 → bigint, bytea → Buffer, jsonb → object.
 * Always pass jsonb parameters as JSON.stringify(...) (pg sends JS arrays as
 * Postgres array literals).
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs several statements without parameters (migrations, the job queue's own scripts); the rows of the last one. */
  exec(sql: string): Promise<Row[]>;
  /** BEGIN … COMMIT; a throw inside rolls everything back and rethrows. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` holding a SESSION advisory lock on `key` across every process
   * that shares the database: on PostgreSQL one dedicated connection takes
   * pg_try_advisory_lock / pg_advisory_lock, keeps it for the whole of `fn`
   * (which may run its own transactions on the pool) and unlocks in finally;
   * PGlite is one connection in one process, so an in-process mutex is the
   * same guarantee. `wait: false` throws SessionLockBusy instead of queueing.
   */
  withSessionLock<T>(key: bigint, options: { wait: boolean }, fn: (session: LockedSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The connection that holds a session lock. */
export interface LockedSession extends Queryable {
  /** Throws SessionLockLost if the lock is no longer held (its connection dropped): call before an irreversible step. */
  assertHeld(): Promise<void>;
}

/** Another holder has the lock (only thrown with `wait: false`). */
export class SessionLockBusy extends Error {
  constructor(readonly key: bigint) {
    super(`advisory lock ${key} is held by another session`);
    this.name = 'SessionLockBusy';
  }
}

/** The lock's connection went away while `fn` ran: the database released the lock, so another holder may be inside. */
export class SessionLockLost extends Error {
  constructor(readonly key: bigint) {
    super(`advisory lock ${key} was lost (its connection closed)`);
    this.name = 'SessionLockLost';
  }
}

/** Any driver object with `query(sql, params) → { rows }` as a Queryable with normalised rows. */
export function normalisedQueryable(client: { query(sql: string, params?: unknown[]): Promise<{ rows: Row[] }> }): Queryable {
  return {
    async query<T = Row>(sql: string, params?: unknown[]) {
      const res = await client.query(sql, params);
      return res.rows.map((r) => normaliseRow<T>(r));
    },
  };
}

/** bytea arrives as Uint8Array from PGlite and as Buffer from pg. */
export function normaliseRow<T>(row: Row): T {
  for (const key of Object.keys(row)) {
    const v = row[key];
    if (v instanceof Uint8Array && !Buffer.isBuffer(v)) row[key] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return row as unknown as T;
}
