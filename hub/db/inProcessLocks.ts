import { SessionLockBusy } from './adapter';

/**
 * Keyed mutexes for one process. PGlite is a single connection, where
 * Postgres session advisory locks are re-entrant (the same session may take
 * one twice), so they cannot keep two callers apart: this map does.
 */
export function createInProcessLocks() {
  const tails = new Map<bigint, Promise<void>>();
  return async function withLock<T>(key: bigint, wait: boolean, fn: () => Promise<T>): Promise<T> {
    const previous = tails.get(key);
    if (previous && !wait) throw new SessionLockBusy(key);
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = (previous ?? Promise.resolve()).then(() => mine);
    tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      // Only the last waiter clears the entry; an earlier one would unlock a queue that is still in use.
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
