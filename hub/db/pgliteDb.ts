import { PGlite, types } from '@electric-sql/pglite';
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { normalisedQueryable, normaliseRow, type Db, type Row } from './adapter';
import { createInProcessLocks } from './inProcessLocks';
import { emptyClusterImage, forgetEmptyClusterImage } from './pgliteTemplate';

const parsers = { [types.INT8]: (x: string) => BigInt(x) };

/**
 * `load` with the empty cluster's image (pgliteTemplate.ts); when it does not
 * load, the image is made again, `undo` removes what the failed load left,
 * and a second try follows. null when there is no image or neither loads:
 * the caller runs initdb instead.
 */
async function fromImage<T>(load: (image: Blob) => Promise<T>, undo: () => Promise<void>): Promise<T | null> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    const image = await emptyClusterImage();
    if (!image) return null;
    try {
      return await load(image);
    } catch (e) {
      console.warn(`hub: the empty PGlite image did not load (${(e as Error).message}); made again`);
      await forgetEmptyClusterImage();
      await undo();
    }
  }
  return null;
}

/**
 * A data dir that does not exist yet or is empty: the image is loaded into a
 * sibling folder of its own, closed, and renamed into place. The data dir
 * holds a whole cluster or none: a crash mid-load leaves only that sibling,
 * and a second process starting on the same new dir never empties one under
 * the first (the rename fails on a dir that is no longer empty, and this one
 * opens what is there). Any failure: the data dir opens as it is (initdb).
 */
async function fillNewDataDir(dataDir: string): Promise<void> {
  await mkdir(path.dirname(dataDir), { recursive: true });
  const staging = path.join(path.dirname(dataDir), `.${path.basename(dataDir)}.${randomUUID()}.new`);
  const removeStaging = () => rm(staging, { recursive: true, force: true });
  try {
    const loaded = await fromImage(async (image) => (await PGlite.create(staging, { loadDataDir: image })).close().then(() => true), removeStaging);
    if (!loaded) return;
    // rename(2) replaces an empty folder; Windows' does not, so an empty one is removed first there.
    await rename(staging, dataDir).catch(async () => {
      if (await isNewDataDir(dataDir)) {
        await rmdir(dataDir).catch(() => undefined);
        await rename(staging, dataDir);
      }
    });
  } catch {
    // Left to initdb (or to the cluster another process put there meanwhile).
  } finally {
    await removeStaging();
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

/** Embedded Postgres. `dataDir` undefined = in memory (tests); a new data dir (or memory) starts from the empty cluster's image. */
export async function openPgliteDb(dataDir?: string): Promise<Db> {
  if (dataDir && (await isNewDataDir(dataDir))) await fillNewDataDir(dataDir);
  const pg = dataDir
    ? await PGlite.create(dataDir, { parsers })
    : ((await fromImage((image) => PGlite.create({ parsers, loadDataDir: image }), async () => undefined)) ?? (await PGlite.create({ parsers })));
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
