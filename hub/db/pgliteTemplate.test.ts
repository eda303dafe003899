import { readFile, stat, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openPgliteDb } from './pgliteDb';
import { emptyClusterImagePath, forgetEmptyClusterImage } from './pgliteTemplate';

/**
 * In-memory databases start from the image of an empty cluster instead of
 * running initdb each time: each must still be a database of its own, empty,
 * and a damaged image must be made again rather than fail every later start.
 */
describe('in-memory PGlite from the empty cluster image', () => {
  afterEach(() => vi.restoreAllMocks());

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

  it('makes a damaged image again and still opens', async () => {
    await forgetEmptyClusterImage();
    await writeFile(emptyClusterImagePath(), 'not a tarball of a cluster');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const db = await openPgliteDb();
    try {
      expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('the empty PGlite image did not load'));
    expect((await readFile(emptyClusterImagePath())).length).toBeGreaterThan(1024 * 1024);
  }, 180_000);
});
