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
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** BEGIN … COMMIT; a throw inside rolls everything back and rethrows. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
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
