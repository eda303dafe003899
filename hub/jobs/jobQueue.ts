import PgBoss from 'pg-boss';
import type { Db, Queryable } from '../db/adapter';
import { START_LOCK } from '../db/startLock';
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

/** Each queue's policy: one decision job per batch; at most one sweep and one catch-up waiting (repeats fold). */
const QUEUE_POLICIES: [QueueName, 'standard' | 'short'][] = [
  [QUEUES.decide, 'standard'],
  [QUEUES.sweep, 'short'],
  [QUEUES.score, 'short'],
];

/** The queues whose work a read after an upload waits for (`idle`). */
const DECISION_QUEUES: QueueName[] = [QUEUES.decide, QUEUES.sweep];

/** Each queue's handler gets the data of the jobs one fetch took (one at a time, except decide: a round of up to `decideRoundJobs`). */
export type JobHandlers = Record<QueueName, (jobs: Record<string, unknown>[]) => Promise<void>>;

export interface JobQueue {
  /** A decision job for `itemIds`, inside the caller's transaction: a stored batch always has its job, a rolled-back one none. */
  enqueueDecision(tx: Queryable, itemIds: readonly string[]): Promise<void>;
  /** Queues work outside any transaction (a singleton key folds repeats on 'short' queues; `startAfterSeconds` delays it). */
  send(queue: QueueName, data?: Record<string, unknown>, singletonKey?: string, startAfterSeconds?: number): Promise<void>;
  /** Gives every job that failed for good another round of retries (at start: the fault may be fixed since). */
  retryFailed(): Promise<number>;
  /** Wakes this process's workers now instead of at their next poll. */
  wake(): void;
  /**
   * Wakes this process's decide worker `decideLingerMs` from the first call (later calls in that window fold into
   * it): call after the commit of a transaction that enqueued a decision (only then: every fetch is a query, on
   * PGlite on its one connection).
   */
  wakeDecide(): void;
  /**
   * Resolves once every decision job that existed when it was called, in any
   * process, has run (done, or failed and waiting for its retry: a job that
   * keeps failing must not hang its readers), or after `maxWaitMs`, or once
   * the queue is closing. Polls the job table. For tests, tools and the
   * start: never on a request path (it waits on every task's jobs, and on a
   * job a dead process left active until pg-boss expires it); reads wait on
   * their own items (`consensus/decisionWait.ts`).
   */
  idle(opts?: { maxWaitMs?: number }): Promise<void>;
  /** The hub is shutting down: waits (`idle`, `consensus.settled…`) return now, so in-flight requests finish and the server can close. */
  stopWaiting(): void;
  /** True once `stopWaiting` or `close` was called. */
  readonly stopped: boolean;
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
  const retry = { retryLimit: settings.retryLimit, retryDelay: settings.retryDelaySeconds, retryBackoff: true, expireInSeconds: settings.expireSeconds };
  const workers = new Map<QueueName, string>();
  // Declared before the workers start: their rounds read it.
  let closed = false;
  /** Wakes `queue`'s worker in this process now instead of at its next poll (none once closed, or before it started). */
  const wakeQueue = (queue: QueueName) => {
    const id = workers.get(queue);
    if (!closed && id) boss.notifyWorker(id);
  };
  try {
    // pg-boss's schema set-up and createQueue use IF NOT EXISTS / ON CONFLICT, which race between processes starting at
    // once on an empty database: one process at a time (db/startLock.ts).
    await db.withSessionLock(START_LOCK, { wait: true }, async () => {
      await boss.start();
      for (const [queue, policy] of QUEUE_POLICIES) {
        await boss.createQueue(queue, { name: queue, policy, ...retry });
        // createQueue leaves an existing queue as it was, and every job takes its retry and expiry from the queue's row:
        // this process's settings apply (the last process started wins; all replicas should share them).
        await boss.updateQueue(queue, { name: queue, policy, ...retry });
      }
    });
    for (const queue of settings.work ? Object.values(QUEUES) : []) {
      // One worker per queue and process (README, "Concurrency"). Decide takes a round of jobs per fetch: the
      // items of every batch that completed some since the last round, decided together (one load, one write).
      const batchSize = queue === QUEUES.decide ? settings.decideRoundJobs : 1;
      const id = await boss.work<Record<string, unknown>>(queue, { batchSize, pollingIntervalSeconds: settings.pollMs / 1000 }, async (jobs) => {
        await handlers[queue](jobs.map((j) => j.data ?? {}));
        // A full round may have left more behind: fetch again now rather than after the poll interval. (`wakeQueue`
        // looks the id up, not closed over: a first round could in principle finish before `work` has returned it.)
        if (queue === QUEUES.decide && jobs.length === batchSize) wakeQueue(queue);
      });
      workers.set(queue, id);
    }
  } catch (e) {
    // Its timers (maintenance, workers) would otherwise run on against a database the caller is about to close.
    await boss.stop({ graceful: false, close: false, wait: true }).catch(() => undefined);
    throw e;
  }
  const wake = () => {
    if (!closed) for (const id of workers.values()) boss.notifyWorker(id);
  };
  // One pending wake of the decide worker at a time: the batches completing items while it waits share its round.
  let decideWake: NodeJS.Timeout | null = null;
  const cancelDecideWake = () => {
    if (decideWake) clearTimeout(decideWake);
    decideWake = null;
  };
  return {
    async enqueueDecision(tx, itemIds) {
      if (itemIds.length === 0) return;
      await boss.send(QUEUES.decide, { itemIds }, { db: jobSqlOfTransaction(tx) });
    },
    async send(queue, data = {}, singletonKey, startAfterSeconds) {
      await boss.send(queue, data, { ...(singletonKey ? { singletonKey } : {}), ...(startAfterSeconds ? { startAfter: startAfterSeconds } : {}) });
      // Only that queue's worker, and only for a job due now: a delayed one (scoring after decisions) would not be fetched yet.
      if (!startAfterSeconds) wakeQueue(queue);
    },
    wake,
    wakeDecide() {
      // Once stopping, no new timer (an upload still in flight at close): its job stays queued for whichever worker fetches next.
      if (closed) return;
      if (settings.decideLingerMs <= 0) return wakeQueue(QUEUES.decide);
      decideWake ??= setTimeout(() => {
        decideWake = null;
        wakeQueue(QUEUES.decide);
      }, settings.decideLingerMs).unref();
    },
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
    async idle({ maxWaitMs = Infinity } = {}) {
      const deadline = Date.now() + maxWaitMs;
      const [{ t0 } = { t0: new Date() }] = await db.query<{ t0: Date }>('SELECT now() AS t0');
      for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
        const [left] = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${SCHEMA}.job WHERE name = ANY($1::text[]) AND state IN ('created', 'active') AND created_on <= $2`,
          [DECISION_QUEUES, t0],
        );
        if (!left || left.n === 0 || closed || Date.now() >= deadline) return;
        wake();
        await new Promise((r) => setTimeout(r, pause));
      }
    },
    stopWaiting() {
      closed = true;
      cancelDecideWake();
    },
    get stopped() {
      return closed;
    },
    async close() {
      closed = true;
      cancelDecideWake();
      await boss.stop({ graceful: true, close: false, timeout: 30_000, wait: true });
    },
  };
}
