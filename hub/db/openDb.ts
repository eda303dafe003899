import type { Db } from './adapter';
import { migrate } from './migrations';
import { openPgliteDb } from './pgliteDb';
import { openPostgresDb } from './postgresDb';

export interface DbConfig {
  /** A real PostgreSQL server; wins over dataDir. */
  databaseUrl?: string;
  /** Connections kept to `databaseUrl` (postgresDb.ts's default when unset). */
  dbPool?: number;
  /** PGlite data directory; neither given = in-memory PGlite. */
  dataDir?: string;
}

/** Opens the configured database and brings its schema up to date. */
export async function openDb(config: DbConfig): Promise<Db> {
  const db = config.databaseUrl ? await openPostgresDb(config.databaseUrl, config.dbPool) : await openPgliteDb(config.dataDir);
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
