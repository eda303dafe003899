import type { Queryable } from '../db/adapter';

/**
 * A read right after an upload must see the decisions it caused, whichever
 * hub process's worker makes them: this waits on the items' own rows, not on
 * the queue (which holds every task's jobs, from every process, including a
 * dead process's job until pg-boss expires it). Only items that reached k and
 * are still open are waited for, only those of the one item or task the read
 * is about, and never longer than `maxWaitMs`: then the stored state is
 * answered (a job that keeps failing, or a hub with no worker running, must
 * not hang its readers).
 */
export interface DecisionWait {
  /** Resolves once the item is decided, was never ready, or the wait ran out. */
  settled(itemId: string): Promise<void>;
  /** The same for every ready item of one task (task listings, lineage, export). */
  settledTask(taskId: string): Promise<void>;
}

export function createDecisionWait(db: Queryable, opts: { maxWaitMs: number; wake(): void; stopped(): boolean }): DecisionWait {
  /** Polls `waiting` (5 ms doubling to 100 ms) until it says no, the bound passes or the hub is closing. */
  async function until(waiting: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + opts.maxWaitMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      if (!(await waiting()) || Date.now() >= deadline || opts.stopped()) return;
      opts.wake();
      await new Promise((r) => setTimeout(r, Math.min(pause, Math.max(1, deadline - Date.now()))));
    }
  }
  return {
    settled: (itemId) =>
      until(async () => {
        const [row] = await db.query<{ waiting: boolean }>(`SELECT status = 'open' AND ready_at IS NOT NULL AS waiting FROM items WHERE id = $1`, [itemId]);
        return row?.waiting === true;
      }),
    settledTask: (taskId) =>
      until(async () => {
        // items_task_status (task_id, status) narrows this to the task's open items.
        const [row] = await db.query<{ waiting: boolean }>(`SELECT EXISTS (SELECT 1 FROM items WHERE task_id = $1 AND status = 'open' AND ready_at IS NOT NULL) AS waiting`, [taskId]);
        return row?.waiting === true;
      }),
  };
}
