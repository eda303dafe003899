import type { Db } from './adapter';

/**
 * PGlite runs no autovacuum, so nothing ever ANALYZEs its tables: with the
 * statistics of an empty table the planner hashed every open assignment of
 * an annotator to store one batch (a 1,000-item batch took 0.9 s at 60,000
 * assignments instead of 30 ms). Call `touched()` after bulk writes (new
 * items, new assignments); it runs ANALYZE in the background, at most once
 * per `minIntervalMs`. A real server's autovacuum does this itself.
 */
export interface StatisticsKeeper {
  touched(rows: number): void;
  close(): Promise<void>;
}

export function keepStatistics(db: Db, opts: { minRows?: number; minIntervalMs?: number } = {}): StatisticsKeeper {
  if (db.kind !== 'pglite') return { touched: () => undefined, close: async () => undefined };
  const minRows = opts.minRows ?? 500;
  const minIntervalMs = opts.minIntervalMs ?? 2000;
  let pendingRows = 0;
  let lastRun = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let closed = false;
  const run = () => {
    timer = null;
    if (closed) return;
    pendingRows = 0;
    lastRun = Date.now();
    running = db.query('ANALYZE items, assignments, batches').then(
      () => undefined,
      (e: Error) => console.error(`hub: ANALYZE failed: ${e.message}`),
    );
  };
  return {
    touched(rows) {
      pendingRows += rows;
      if (closed || timer || pendingRows < minRows) return;
      timer = setTimeout(run, Math.max(0, lastRun + minIntervalMs - Date.now()));
      timer.unref();
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
