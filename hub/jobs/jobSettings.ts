/**
 * The job queue's knobs (hub/jobs/README.md), defaults overridable from the
 * environment. Kept here rather than in hub/config.ts so the queue can be
 * tuned without touching the rest of the hub's config: `configFromEnv()`
 * puts `jobSettingsFromEnv()` in `HubConfig.jobs`, and `startHub(config,
 * { jobs })` lays a caller's own over those (defaults for what neither sets).
 */
export interface JobSettings {
  /** Whether this process runs jobs (false: it only enqueues and serves, e.g. a read replica; another process must work). */
  work: boolean;
  /** How often an idle worker looks for jobs another process enqueued (ms; pg-boss's floor is 500). A batch stored by this process that completes items wakes its own decide worker within `decideLingerMs`. */
  pollMs: number;
  /**
   * Decision jobs one fetch takes and decides as one round (their items loaded and written together). Each job
   * is one completing batch's items; a failed round retries all its jobs (deciding is idempotent).
   */
  decideRoundJobs: number;
  /**
   * How long a batch that completed items lets others join before this process's decide worker fetches (ms; 0:
   * at once). Under load, every batch completing items in the window is decided in the same round: one load, one
   * write and one job fetch for them all instead of one each (on PGlite each of those is a turn of its one
   * connection). A reader waiting on a decision (`GET /items/:id`) wakes the worker at once regardless.
   */
  decideLingerMs: number;
  /** Attempts after the first before a decision job is left failed (the sweep at the next start still decides its items). */
  retryLimit: number;
  /** Seconds before the first retry; doubled each time (pg-boss backoff). */
  retryDelaySeconds: number;
  /** A job active longer than this is taken as lost (its process died) and retried by pg-boss's maintenance. */
  expireSeconds: number;
  /** How often pg-boss expires, archives and drops old jobs (one process at a time does it). */
  maintenanceSeconds: number;
  /** Scoring after decisions waits this long, so one catch-up covers every decision of the window (readers that need it score on demand). */
  scoreDelaySeconds: number;
  /** The longest `GET /items/:id` waits for a ready item's decision before answering what is stored. */
  decisionWaitMs: number;
}

export const JOB_DEFAULTS: JobSettings = {
  work: true,
  pollMs: 500,
  decideRoundJobs: 20,
  decideLingerMs: 50,
  retryLimit: 5,
  retryDelaySeconds: 2,
  expireSeconds: 300,
  maintenanceSeconds: 120,
  scoreDelaySeconds: 2,
  decisionWaitMs: 5000,
};

const numberOr = (value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`job settings: "${value}" is not a non-negative number`);
  return n;
};

export function jobSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): JobSettings {
  return {
    work: env.HUB_JOB_WORKERS !== '0',
    pollMs: Math.max(500, numberOr(env.HUB_JOB_POLL_MS, JOB_DEFAULTS.pollMs)),
    decideRoundJobs: Math.max(1, Math.floor(numberOr(env.HUB_JOB_DECIDE_ROUND, JOB_DEFAULTS.decideRoundJobs))),
    decideLingerMs: numberOr(env.HUB_JOB_DECIDE_LINGER_MS, JOB_DEFAULTS.decideLingerMs),
    retryLimit: Math.floor(numberOr(env.HUB_JOB_RETRY_LIMIT, JOB_DEFAULTS.retryLimit)),
    retryDelaySeconds: Math.max(1, numberOr(env.HUB_JOB_RETRY_DELAY_SECONDS, JOB_DEFAULTS.retryDelaySeconds)),
    expireSeconds: Math.max(1, numberOr(env.HUB_JOB_EXPIRE_SECONDS, JOB_DEFAULTS.expireSeconds)),
    maintenanceSeconds: Math.max(1, numberOr(env.HUB_JOB_MAINTENANCE_SECONDS, JOB_DEFAULTS.maintenanceSeconds)),
    scoreDelaySeconds: numberOr(env.HUB_SCORE_DELAY_SECONDS, JOB_DEFAULTS.scoreDelaySeconds),
    decisionWaitMs: numberOr(env.HUB_DECISION_WAIT_MS, JOB_DEFAULTS.decisionWaitMs),
  };
}
