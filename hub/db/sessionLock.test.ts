import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionLockBusy, SessionLockLost, type Db } from './adapter';
import { openDb } from './openDb';
import { describeOnPostgres } from './testPostgres';

const KEY = 987_654_321_012n;

/** A promise and the function that resolves it: lets a test hold a lock open until it says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

/** `first` and `second` are two handles on one database: two pools (two hub processes) on PostgreSQL, the same handle on PGlite. */
function sessionLockSuite(name: string, open: () => Promise<{ first: Db; second: Db; close(): Promise<void> }>) {
  describe(`session advisory lock on ${name}`, () => {
    let dbs: Awaited<ReturnType<typeof open>>;
    beforeAll(async () => {
      dbs = await open();
    }, 180_000);
    afterAll(async () => {
      await dbs?.close();
    });

    it('refuses a second holder with SessionLockBusy while the first holds it, and admits it after', async () => {
      const held = gate();
      const entered = gate();
      const first = dbs.first.withSessionLock(KEY, { wait: false }, async (s) => {
        await s.assertHeld();
        entered.open();
        await held.opened;
        return 'first';
      });
      await entered.opened;
      await expect(dbs.second.withSessionLock(KEY, { wait: false }, async () => 'second')).rejects.toBeInstanceOf(SessionLockBusy);
      held.open();
      expect(await first).toBe('first');
      expect(await dbs.second.withSessionLock(KEY, { wait: false }, async () => 'second')).toBe('second');
    });

    it('queues a waiting holder until the first is done', async () => {
      const held = gate();
      const entered = gate();
      const order: string[] = [];
      const first = dbs.first.withSessionLock(KEY, { wait: true }, async () => {
        entered.open();
        await held.opened;
        order.push('first');
      });
      await entered.opened;
      const second = dbs.second.withSessionLock(KEY, { wait: true }, async () => {
        order.push('second');
      });
      held.open();
      await Promise.all([first, second]);
      expect(order).toEqual(['first', 'second']);
    });

    it('releases the lock when the holder throws', async () => {
      await expect(dbs.first.withSessionLock(KEY, { wait: false }, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(await dbs.second.withSessionLock(KEY, { wait: false }, async () => 'free')).toBe('free');
    });

    it('lets the holder run its own transactions on the same database while it holds the lock', async () => {
      const value = await dbs.first.withSessionLock(KEY, { wait: false }, async (s) => {
        const [row] = await dbs.first.transaction((tx) => tx.query<{ n: number }>('SELECT 41 + 1 AS n'));
        const [same] = await s.query<{ n: number }>('SELECT 42 AS n');
        return [row!.n, same!.n];
      });
      expect(value).toEqual([42, 42]);
    });
  });
}

/** Polls until the server no longer lists the backend: by then it has exited and released its advisory locks. */
async function waitUntilGone(db: Db, pid: number): Promise<void> {
  for (;;) {
    const rows = await db.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
    if (rows.length === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

sessionLockSuite('PGlite (in-process mutex)', async () => {
  const db = await openDb({});
  return { first: db, second: db, close: () => db.close() };
});

describeOnPostgres('session advisory lock', (url) => {
  sessionLockSuite('PostgreSQL, two pools (two hub processes)', async () => {
    const first = await openDb({ databaseUrl: url() });
    const second = await openDb({ databaseUrl: url() });
    return { first, second, close: async () => void (await Promise.all([first.close(), second.close()])) };
  });

  it('tells the holder when its connection dropped (the server released the lock), and a second holder can then enter', async () => {
    const first = await openDb({ databaseUrl: url() });
    const second = await openDb({ databaseUrl: url() });
    try {
      await expect(
        first.withSessionLock(KEY, { wait: false }, async (s) => {
          const [me] = await s.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
          await second.query('SELECT pg_terminate_backend($1)', [me!.pid]);
          // pg_terminate_backend only signals the backend; it releases its locks when it has exited.
          await waitUntilGone(second, me!.pid);
          // The server has dropped the session, and the lock with it: someone else may be inside now.
          expect(await second.withSessionLock(KEY, { wait: false }, async () => 'entered')).toBe('entered');
          await s.assertHeld();
        }),
      ).rejects.toBeInstanceOf(SessionLockLost);
      // The dead connection was not returned to the pool: the lock is free and the pool still works.
      expect(await first.withSessionLock(KEY, { wait: false }, async (s) => (await s.assertHeld(), 'again'))).toBe('again');
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  }, 120_000);
});
