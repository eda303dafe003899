import type { Db, Queryable } from '../db/adapter';

/** What pg-boss calls to run its SQL (its `db` option): `executeSql(text, values)`. */
export interface JobSql {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * pg-boss over the hub's own database, so one adapter serves PGlite and
 * PostgreSQL and pg-boss opens no pool of its own. Its scripts without
 * parameters (schema creation, maintenance: several statements inside
 * BEGIN … COMMIT) go through `exec`, since PGlite takes one statement per
 * parameterised query; everything with parameters is one statement.
 */
export function jobSqlOfDb(db: Db): JobSql {
  return {
    async executeSql(text, values) {
      return { rows: values && values.length > 0 ? await db.query(text, values) : await db.exec(text) };
    },
  };
}

/** pg-boss inside a transaction the caller holds: a job sent through it commits or rolls back with the caller's rows. */
export function jobSqlOfTransaction(tx: Queryable): JobSql {
  return {
    async executeSql(text, values) {
      return { rows: await tx.query(text, values) };
    },
  };
}
