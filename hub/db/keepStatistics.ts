import type { Db } from './adapter';

/**
 * PGlite runs no autovacuum, so nothing ever ANALYZEs its tables: with the
 * statistics of an empty table the planner hashed every open assignment of
 * an annotator to store one batch (a 1,000-item batch took 0.9 s at 60,000
 * assignments instead of 30 ms). Call `touched()` after bulk writes (new
 * items, new assignments); it runs ANALYZE in the background, at most once
 * per `minIntervalMs`, once the rows written since the last one reach
 * `minRows` or `fraction` (10 %) of the items table's rows, whichever is more:
 * autovacuum's own rule (analyze_scale_factor 0.1). An absolute threshold
 * alone analysed a large hub every 2 s under steady ingest, each run
 * sampling every table again (150 ms on the one connection, 12 % of a
 * 10-item batch stream's time) to learn what it already knew. A real
 * server's autovacuum does this itself.
 */
export interface StatisticsKeeper {
  touched(rows: number): void;
  close(): Promise<void>;
}

export function keepStatistics(db: Db, opts: { minRows?: number; minIntervalMs?: number; fraction?: number } = {}): StatisticsKeeper {
  if (db.kind !== 'pglite') return { touched: () => undefined, close: async () => undefined };
  const minRows = opts.minRows ?? 500;
  const minIntervalMs = opts.minIntervalMs ?? 2000;
  const fraction = opts.fraction ?? 0.1;
  /**
   * Items as of the last ANALYZE (pg_class.reltuples, which ANALYZE sets). The threshold follows the items table,
   * not the sum of the three: assignments are k × items and batches far fewer, so a sum would let items grow by
   * ~40 % (a new task on a large hub) before its statistics move.
   */
  let knownRows = 0;
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
    running = (async () => {
      await db.query('ANALYZE items, assignments, batches');
      const [row] = await db.query<{ rows: number }>(
        `SELECT greatest(reltuples, 0)::float8 AS rows FROM pg_class WHERE oid = 'items'::regclass`,
      );
      knownRows = Number(row?.rows ?? 0);
    })().catch((e: Error) => console.error(`hub: ANALYZE failed: ${e.message}`));
  };
  return {
    touched(rows) {
      pendingRows += rows;
      if (closed || timer || pendingRows < Math.max(minRows, fraction * knownRows)) return;
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
