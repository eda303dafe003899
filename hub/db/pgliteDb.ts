import { PGlite, types } from '@electric-sql/pglite';
import { normalisedQueryable, normaliseRow, type Db, type Row } from './adapter';
import { createInProcessLocks } from './inProcessLocks';
import { emptyClusterImage, forgetEmptyClusterImage } from './pgliteTemplate';

const parsers = { [types.INT8]: (x: string) => BigInt(x) };

/** In memory, from the image of an empty cluster rather than initdb each time (pgliteTemplate.ts). */
async function openInMemory(): Promise<PGlite> {
  try {
    return await PGlite.create({ parsers, loadDataDir: await emptyClusterImage() });
  } catch (e) {
    console.warn(`hub: the empty PGlite image did not load (${(e as Error).message}); made again`);
    await forgetEmptyClusterImage();
    return PGlite.create({ parsers, loadDataDir: await emptyClusterImage() });
  }
}

/** Embedded Postgres. `dataDir` undefined = in memory (tests); a fresh data dir takes seconds to initdb once. */
export async function openPgliteDb(dataDir?: string): Promise<Db> {
  const pg = dataDir ? await PGlite.create(dataDir, { parsers }) : await openInMemory();
  const wrap = normalisedQueryable;
  const base = wrap(pg);
  const locks = createInProcessLocks();
  return {
    kind: 'pglite',
    query: base.query,
    exec: async (sql) => {
      const results = await pg.exec(sql);
      return (results.at(-1)?.rows ?? []).map((r) => normaliseRow(r as Row));
    },
    // PGlite is a single connection: its transactions are serialised, which is what we want.
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    // One connection, one process: a mutex is the whole of "one holder at a time".
    withSessionLock: (key, { wait }, fn) => locks(key, wait, () => fn({ query: base.query, assertHeld: async () => undefined })),
    close: () => pg.close(),
  };
}
