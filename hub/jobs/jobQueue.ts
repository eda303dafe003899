import PgBoss from 'pg-boss';
import type { Db, Queryable } from '../db/adapter';
import { jobSqlOfDb, jobSqlOfTransaction } from './jobSql';
import type { JobSettings } from './jobSettings';

/** The hub's queues (hub/jobs/README.md). */
export const QUEUES = {
  /** `{ itemIds }`: items one batch brought to k submissions. Sent in the batch's transaction. */
  decide: 'consensus-decide',
  /** Decides every open item that reached k (items.ready_at): at start, and whatever a lost or failed job left. */
  sweep: 'consensus-sweep',
  /** Reputation catch-up after decisions (one waiting at a time: the 'short' policy folds repeats). */
  score: 'reputation-catch-up',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** The queues whose work a read after an upload waits for (`idle`). */
const DECISION_QUEUES: QueueName[] = [QUEUES.decide, QUEUES.sweep];

export type JobHandlers = Record<QueueName, (data: Record<string, unknown>) => Promise<void>>;

export interface JobQueue {
  /** A decision job for `itemIds`, inside the caller's transaction: a stored batch always has its job, a rolled-back one none. */
  enqueueDecision(tx: Queryable, itemIds: readonly string[]): Promise<void>;
  /** Queues work outside any transaction (a singleton key folds repeats on 'short' queues; `startAfterSeconds` delays it). */
  send(queue: QueueName, data?: Record<string, unknown>, singletonKey?: string, startAfterSeconds?: number): Promise<void>;
  /** Gives every job that failed for good another round of retries (at start: the fault may be fixed since). */
  retryFailed(): Promise<number>;
  /** Wakes this process's workers now instead of at their next poll (after a commit that enqueued). */
  wake(): void;
  /**
   * Resolves once every decision job that existed when it was called, in any
   * process, has run (done, or failed and waiting for its retry: a job that
   * keeps failing must not hang its readers). Polls the job table.
   */
  idle(): Promise<void>;
  /** Stops fetching, waits for running jobs (a job cut short is retried by whichever process is alive). */
  close(): Promise<void>;
}

const SCHEMA = 'pgboss';

export async function startJobQueue(db: Db, settings: JobSettings, handlers: JobHandlers, onError: (e: Error) => void): Promise<JobQueue> {
  const boss = new PgBoss({
    db: jobSqlOfDb(db),
    schema: SCHEMA,
    // No cron: nothing here is scheduled, and the timekeeper would poll a queue of its own.
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: settings.maintenanceSeconds,
    migrate: true,
  });
  boss.on('error', onError);
  await boss.start();
  const retry = { retryLimit: settings.retryLimit, retryDelay: settings.retryDelaySeconds, retryBackoff: true, expireInSeconds: settings.expireSeconds };
  await boss.createQueue(QUEUES.decide, { name: QUEUES.decide, policy: 'standard', ...retry });
  await boss.createQueue(QUEUES.sweep, { name: QUEUES.sweep, policy: 'short', ...retry });
  await boss.createQueue(QUEUES.score, { name: QUEUES.score, policy: 'short', ...retry });
  const workers: string[] = [];
  for (const queue of settings.work ? Object.values(QUEUES) : []) {
    // One job at a time per queue and process (batchSize 1, one worker): see README, "Concurrency".
    const id = await boss.work<Record<string, unknown>>(queue, { batchSize: 1, pollingIntervalSeconds: settings.pollMs / 1000 }, async ([job]) => {
      await handlers[queue](job!.data ?? {});
    });
    workers.push(id);
  }
  let closed = false;
  const wake = () => {
    if (!closed) for (const id of workers) boss.notifyWorker(id);
  };
  return {
    async enqueueDecision(tx, itemIds) {
      if (itemIds.length === 0) return;
      await boss.send(QUEUES.decide, { itemIds }, { db: jobSqlOfTransaction(tx) });
    },
    async send(queue, data = {}, singletonKey, startAfterSeconds) {
      await boss.send(queue, data, { ...(singletonKey ? { singletonKey } : {}), ...(startAfterSeconds ? { startAfter: startAfterSeconds } : {}) });
      wake();
    },
    wake,
    async retryFailed() {
      let n = 0;
      for (const queue of Object.values(QUEUES)) {
        const failed = await db.query<{ id: string }>(`SELECT id FROM ${SCHEMA}.job WHERE name = $1 AND state = 'failed'`, [queue]);
        if (failed.length === 0) continue;
        await boss.retry(queue, failed.map((j) => j.id));
        n += failed.length;
      }
      if (n > 0) wake();
      return n;
    },
    async idle() {
      const [{ t0 } = { t0: new Date() }] = await db.query<{ t0: Date }>('SELECT now() AS t0');
      for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
        const [left] = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${SCHEMA}.job WHERE name = ANY($1::text[]) AND state IN ('created', 'active') AND created_on <= $2`,
          [DECISION_QUEUES, t0],
        );
        if (!left || left.n === 0 || closed) return;
        wake();
        await new Promise((r) => setTimeout(r, pause));
      }
    },
    async close() {
      closed = true;
      await boss.stop({ graceful: true, close: false, timeout: 30_000, wait: true });
    },
  };
}
