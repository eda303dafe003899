import type { Queryable } from '../db/adapter';

/**
 * A read right after an upload must see the item's decision, whichever hub
 * process's worker makes it: this waits on the item's own row, not on a
 * local queue. Only an item that reached k and is still open is waited for,
 * and never longer than `maxWaitMs` (then the stored state is answered: a
 * job that keeps failing must not hang its readers).
 */
export interface DecisionWait {
  /** Resolves once the item is decided, was never ready, or the wait ran out. */
  settled(itemId: string): Promise<void>;
}

export function createDecisionWait(db: Queryable, opts: { maxWaitMs: number; wake(): void }): DecisionWait {
  return {
    async settled(itemId) {
      const until = Date.now() + opts.maxWaitMs;
      for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
        const [row] = await db.query<{ waiting: boolean }>(`SELECT status = 'open' AND ready_at IS NOT NULL AS waiting FROM items WHERE id = $1`, [itemId]);
        if (!row?.waiting || Date.now() >= until) return;
        opts.wake();
        await new Promise((r) => setTimeout(r, Math.min(pause, Math.max(1, until - Date.now()))));
      }
    },
  };
}
