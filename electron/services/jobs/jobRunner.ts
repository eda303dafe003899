import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../common/contract/errors';
import type { JobInfo, JobParams } from '../../common/services/jobsService';
import { createThrottle } from './throttle';

export interface JobContext {
  signal: AbortSignal;
  /** Report progress; cheap to call per item, the runner throttles the events. */
  progress(done: number, total: number, message?: string): void;
}

/** How one kind of job runs: gets its params (already validated by the schema) and returns its result. */
export type JobHandler<P extends JobParams = JobParams> = (params: P, context: JobContext) => Promise<unknown>;

export type JobHandlers = { [K in JobParams['kind']]: JobHandler<Extract<JobParams, { kind: K }>> };

export interface JobRunnerOptions {
  handlers: JobHandlers;
  /** Called with every state/progress change, throttled per job; the final state always comes through. */
  onChange(info: JobInfo): void;
  /** Jobs that run at once; later ones wait as 'queued'. */
  concurrency?: number;
  /** Minimum time between two progress events of one job. Default 200 ms (5 per second). */
  progressIntervalMs?: number;
  /** Finished jobs kept (with results) for `get`; the oldest are forgotten first. */
  keepFinished?: number;
}

interface Job {
  info: JobInfo;
  params: JobParams;
  controller: AbortController;
  throttle: ReturnType<typeof createThrottle>;
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

export function createJobRunner(options: JobRunnerOptions) {
  const concurrency = options.concurrency ?? 2;
  const keepFinished = options.keepFinished ?? 100;
  const jobs = new Map<string, Job>();
  const queue: Job[] = [];
  let running = 0;

  const snapshot = (job: Job): JobInfo => ({ ...job.info });

  function finish(job: Job, patch: Partial<JobInfo>) {
    Object.assign(job.info, patch);
    job.throttle.flush();
    forgetOldFinished();
  }

  function forgetOldFinished() {
    const finished = [...jobs.values()].filter((j) => FINISHED.has(j.info.state));
    for (const job of finished.slice(0, Math.max(0, finished.length - keepFinished))) jobs.delete(job.info.id);
  }

  async function run(job: Job) {
    running++;
    job.info.state = 'running';
    job.info.message = 'running';
    job.throttle.flush();
    const context: JobContext = {
      signal: job.controller.signal,
      progress(done, total, message) {
        if (job.info.state !== 'running') return;
        job.info.done = done;
        job.info.total = total;
        if (message !== undefined) job.info.message = message;
        job.throttle.request();
      },
    };
    try {
      const handler = options.handlers[job.params.kind] as JobHandler;
      const result = await handler(job.params, context);
      if (job.controller.signal.aborted) finish(job, { state: 'cancelled', message: 'cancelled' });
      else finish(job, { state: 'succeeded', message: 'done', result });
    } catch (error) {
      if (job.controller.signal.aborted) finish(job, { state: 'cancelled', message: 'cancelled' });
      else finish(job, { state: 'failed', message: 'failed', error: error instanceof Error ? error.message : String(error) });
    } finally {
      running--;
      pump();
    }
  }

  function pump() {
    while (running < concurrency && queue.length > 0) void run(queue.shift()!);
  }

  function find(jobId: string): Job {
    const job = jobs.get(jobId);
    if (!job) throw new ServiceError(`no job with id "${jobId}" (finished jobs are kept only until the host restarts)`);
    return job;
  }

  return {
    start(params: JobParams): string {
      const id = randomUUID();
      const info: JobInfo = { id, kind: params.kind, state: 'queued', done: 0, total: 0, message: 'queued', startedAt: Date.now() };
      const job: Job = { info, params, controller: new AbortController(), throttle: createThrottle(() => options.onChange(snapshot(job)), options.progressIntervalMs ?? 200) };
      jobs.set(id, job);
      job.throttle.flush();
      queue.push(job);
      pump();
      return id;
    },
    /** True when the job was still queued or running and is now cancelled (or stopping). */
    cancel(jobId: string): boolean {
      const job = find(jobId);
      if (FINISHED.has(job.info.state)) return false;
      job.controller.abort();
      const queuedAt = queue.indexOf(job);
      if (queuedAt >= 0) {
        queue.splice(queuedAt, 1);
        finish(job, { state: 'cancelled', message: 'cancelled' });
      }
      return true;
    },
    get: (jobId: string): JobInfo => snapshot(find(jobId)),
    /** Every known job without its result, newest first (results can be large; `get` has them). */
    list: (): JobInfo[] =>
      [...jobs.values()].map((j) => {
        const { result: _result, ...rest } = j.info;
        return rest;
      }).reverse(),
    /** Aborts everything (host shutdown). */
    cancelAll() {
      for (const job of jobs.values()) if (!FINISHED.has(job.info.state)) job.controller.abort();
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
