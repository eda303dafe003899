import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openPgliteDb } from './pgliteDb';
import { emptyClusterImage, emptyClusterImagePath, forgetEmptyClusterImage, imageDir } from './pgliteTemplate';

/**
 * In-memory databases start from the image of an empty cluster instead of
 * running initdb each time: each must still be a database of its own, empty,
 * and a damaged image must be made again rather than fail every later start.
 */
describe('in-memory PGlite from the empty cluster image', () => {
  // A temp dir of this file's own: damaging the image or opening its folder must not reach other test files running beside it.
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'pglite-image-tmp-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });
  afterEach(() => vi.restoreAllMocks());
  beforeEach(() => {
    vi.spyOn(os, 'tmpdir').mockReturnValue(tmp);
  });

  it('gives each open its own empty database', async () => {
    const a = await openPgliteDb();
    const b = await openPgliteDb();
    try {
      await a.exec(`CREATE TABLE only_in_a (x int); INSERT INTO only_in_a VALUES (1)`);
      const tables = (db: typeof a) => db.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`);
      expect(await tables(a)).toEqual([{ name: 'only_in_a' }]);
      expect(await tables(b)).toEqual([]);
      const c = await openPgliteDb();
      expect(await tables(c)).toEqual([]);
      await c.close();
    } finally {
      await a.close();
      await b.close();
    }
    expect((await stat(emptyClusterImagePath())).size).toBeGreaterThan(1024 * 1024);
  }, 180_000);

  it('makes a damaged image again and still opens, in memory and in a new data dir', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'pglite-image-'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      for (const dataDir of [undefined, path.join(parent, 'new')]) {
        await forgetEmptyClusterImage();
        await writeFile(emptyClusterImagePath(), 'not a tarball of a cluster');
        warn.mockClear();
        const db = await openPgliteDb(dataDir);
        try {
          await db.exec(`CREATE TABLE t (x int); INSERT INTO t VALUES (7)`);
          expect(await db.query<{ x: number }>('SELECT x FROM t')).toEqual([{ x: 7 }]);
        } finally {
          await db.close();
        }
        expect(warn).toHaveBeenCalledWith(expect.stringContaining('the empty PGlite image did not load'));
        expect((await readFile(emptyClusterImagePath())).length).toBeGreaterThan(1024 * 1024);
      }
      const reopened = await openPgliteDb(path.join(parent, 'new'));
      expect(await reopened.query<{ x: number }>('SELECT x FROM t')).toEqual([{ x: 7 }]);
      await reopened.close();
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  }, 180_000);

  it('starts a new data dir from the image, and the cluster it writes there is what reopens', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'pglite-image-'));
    try {
      for (const dataDir of [path.join(parent, 'not-yet-made'), await mkdtemp(path.join(parent, 'empty-'))]) {
        const first = await openPgliteDb(dataDir);
        await first.exec(`CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)`);
        await first.close();
        expect(await readdir(dataDir)).toContain('PG_VERSION');
        // Loaded beside it and renamed into place: no staging folder is left.
        expect((await readdir(parent)).filter((name) => name.endsWith('.new'))).toEqual([]);
        const again = await openPgliteDb(dataDir);
        expect(await again.query<{ x: number }>('SELECT x FROM kept')).toEqual([{ x: 42 }]);
        await again.close();
      }
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  }, 180_000);

  it.skipIf(process.platform === 'win32')('uses no image from a folder others may write into: a cluster put there would become every new hub database', async () => {
    await emptyClusterImage();
    expect((await stat(imageDir())).mode & 0o777).toBe(0o700);
    expect((await stat(emptyClusterImagePath())).mode & 0o077).toBe(0);
    try {
      await chmod(imageDir(), 0o777);
      await forgetEmptyClusterImage();
      await writeFile(emptyClusterImagePath(), 'planted by someone else');
      expect(await emptyClusterImage()).toBeNull();
      const db = await openPgliteDb();
      try {
        expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      } finally {
        await db.close();
      }
    } finally {
      await chmod(imageDir(), 0o700);
      await forgetEmptyClusterImage();
    }
    expect(await emptyClusterImage()).toBeInstanceOf(Blob);
  }, 180_000);
});
