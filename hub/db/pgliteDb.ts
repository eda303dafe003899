import { PGlite, types } from '@electric-sql/pglite';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { normalisedQueryable, normaliseRow, type Db, type Row } from './adapter';
import { createInProcessLocks } from './inProcessLocks';
import { emptyClusterImage, forgetEmptyClusterImage } from './pgliteTemplate';

const parsers = { [types.INT8]: (x: string) => BigInt(x) };

/**
 * A new cluster from the image of an empty one rather than initdb each time
 * (pgliteTemplate.ts; initdb when there is none). An image that does not
 * load is made again; whatever the failed load left is removed first
 * (`cleanUp`).
 */
async function fromImage(open: (image: Blob | undefined) => Promise<PGlite>, cleanUp: () => Promise<void>): Promise<PGlite> {
  const image = await emptyClusterImage();
  if (!image) return open(undefined);
  try {
    return await open(image);
  } catch (e) {
    console.warn(`hub: the empty PGlite image did not load (${(e as Error).message}); made again`);
    await forgetEmptyClusterImage();
    await cleanUp();
    return open((await emptyClusterImage()) ?? undefined);
  }
}

/** A data dir that does not exist yet or is empty: a new cluster, so from the image. Anything else opens as it is. */
async function isNewDataDir(dataDir: string): Promise<boolean> {
  try {
    return (await readdir(dataDir)).length === 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw e;
  }
}

async function emptyDataDir(dataDir: string): Promise<void> {
  const entries = await readdir(dataDir).catch(() => []);
  await Promise.all(entries.map((name) => rm(path.join(dataDir, name), { recursive: true, force: true })));
}

/** Embedded Postgres. `dataDir` undefined = in memory (tests); a new data dir (or memory) starts from the empty cluster's image. */
export async function openPgliteDb(dataDir?: string): Promise<Db> {
  const pg = !dataDir
    ? await fromImage((loadDataDir) => PGlite.create({ parsers, loadDataDir }), async () => undefined)
    : (await isNewDataDir(dataDir))
      ? await fromImage((loadDataDir) => PGlite.create(dataDir, { parsers, loadDataDir }), () => emptyDataDir(dataDir))
      : await PGlite.create(dataDir, { parsers });
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
