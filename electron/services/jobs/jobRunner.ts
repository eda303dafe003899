import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../common/contract/errors';
import type { JobInfo, JobParams } from '../../common/services/jobsService';
import { createThrottle } from './throttle';

export interface JobContext {
  jobId: string;
  signal: AbortSignal;
  /** Report progress; cheap to call per item, the runner throttles the events. `failed` counts items that failed without stopping the job. */
  progress(done: number, total: number, message?: string, failed?: number): void;
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

export interface StartOptions {
  /** Persisted jobs choose their id first (their folder is made before they are queued). */
  id?: string;
  startedAt?: number;
  /** The job's state lives on disk: after a host stop it is 'interrupted' and can be resumed. */
  resumable?: boolean;
  subject?: JobInfo['subject'];
}

interface Job {
  info: JobInfo;
  params: JobParams;
  controller: AbortController;
  /** Why the job is being stopped: the user cancelled it, or the host is shutting down. */
  stopping: 'cancel' | 'shutdown' | null;
  throttle: ReturnType<typeof createThrottle>;
}

const FINISHED = new Set<JobInfo['state']>(['succeeded', 'failed', 'cancelled', 'interrupted']);

export function createJobRunner(options: JobRunnerOptions) {
  const concurrency = options.concurrency ?? 2;
  const keepFinished = options.keepFinished ?? 100;
  const jobs = new Map<string, Job>();
  const queue: Job[] = [];
  const runningHandlers = new Set<Promise<void>>();

  const snapshot = (job: Job): JobInfo => ({ ...job.info });

  function makeJob(info: JobInfo, params: JobParams): Job {
    const job: Job = {
      info,
      params,
      controller: new AbortController(),
      stopping: null,
      throttle: createThrottle(() => options.onChange(snapshot(job)), options.progressIntervalMs ?? 200),
    };
    return job;
  }

  function finish(job: Job, patch: Partial<JobInfo>) {
    Object.assign(job.info, patch);
    job.throttle.flush();
    forgetOldFinished();
  }

  /** A stopped job ends 'interrupted' when the host stops and its state survives on disk; 'cancelled' otherwise. */
  function stoppedState(job: Job): Partial<JobInfo> {
    return job.stopping === 'shutdown' && job.info.resumable ? { state: 'interrupted', message: 'interrupted' } : { state: 'cancelled', message: 'cancelled' };
  }

  function forgetOldFinished() {
    const finished = [...jobs.values()].filter((j) => FINISHED.has(j.info.state));
    for (const job of finished.slice(0, Math.max(0, finished.length - keepFinished))) jobs.delete(job.info.id);
  }

  async function run(job: Job) {
    job.info.state = 'running';
    job.info.message = 'running';
    job.throttle.flush();
    const context: JobContext = {
      jobId: job.info.id,
      signal: job.controller.signal,
      progress(done, total, message, failed) {
        if (job.info.state !== 'running') return;
        job.info.done = done;
        job.info.total = total;
        if (message !== undefined) job.info.message = message;
        if (failed !== undefined) job.info.failed = failed;
        job.throttle.request();
      },
    };
    try {
      const handler = options.handlers[job.params.kind] as JobHandler;
      const result = await handler(job.params, context);
      if (job.controller.signal.aborted) finish(job, stoppedState(job));
      else finish(job, { state: 'succeeded', message: 'done', result });
    } catch (error) {
      if (job.controller.signal.aborted) finish(job, stoppedState(job));
      else finish(job, { state: 'failed', message: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  }

  function pump() {
    while (runningHandlers.size < concurrency && queue.length > 0) {
      const running = run(queue.shift()!).finally(() => {
        runningHandlers.delete(running);
        pump();
      });
      runningHandlers.add(running);
    }
  }

  function enqueue(job: Job) {
    job.throttle.flush();
    queue.push(job);
    pump();
  }

  function find(jobId: string): Job {
    const job = jobs.get(jobId);
    if (!job) throw new ServiceError(`no job with id "${jobId}" (finished jobs are kept only until the host restarts)`);
    return job;
  }

  function stop(job: Job, why: 'cancel' | 'shutdown') {
    // A cancel already under way stays a cancel when the host stops before the job has wound down.
    job.stopping ??= why;
    job.controller.abort();
    const queuedAt = queue.indexOf(job);
    if (queuedAt >= 0) {
      queue.splice(queuedAt, 1);
      finish(job, stoppedState(job));
    }
  }

  return {
    start(params: JobParams, start: StartOptions = {}): string {
      const id = start.id ?? randomUUID();
      if (jobs.has(id)) throw new Error(`a job with id "${id}" already exists`);
      const info: JobInfo = {
        id,
        kind: params.kind,
        state: 'queued',
        done: 0,
        total: 0,
        message: 'queued',
        startedAt: start.startedAt ?? Date.now(),
        resumable: start.resumable ?? false,
        failed: 0,
        ...(start.subject ? { subject: start.subject } : {}),
      };
      const job = makeJob(info, params);
      jobs.set(id, job);
      enqueue(job);
      return id;
    },
    /** Registers a job found on disk from an earlier run, in the state it was left in; no event is sent. */
    restore(info: JobInfo, params: JobParams) {
      if (!jobs.has(info.id)) jobs.set(info.id, makeJob({ ...info }, params));
    },
    /** Queues an interrupted resumable job again under the same id; its handler skips what is already done. */
    resume(jobId: string): string {
      const old = find(jobId);
      if (!old.info.resumable) throw new ServiceError(`job "${jobId}" (${old.info.kind}) cannot be resumed: its state is not kept on disk`);
      if (old.info.state !== 'interrupted') throw new ServiceError(`job "${jobId}" is ${old.info.state}; only an interrupted job can be resumed`);
      const { result: _result, error: _error, ...rest } = old.info;
      const job = makeJob({ ...rest, state: 'queued', message: 'queued' }, old.params);
      jobs.delete(jobId);
      jobs.set(jobId, job);
      enqueue(job);
      return jobId;
    },
    /** True when the job was still queued or running and is now cancelled (or stopping). */
    cancel(jobId: string): boolean {
      const job = find(jobId);
      if (FINISHED.has(job.info.state)) return false;
      stop(job, 'cancel');
      return true;
    },
    get: (jobId: string): JobInfo => snapshot(find(jobId)),
    params: (jobId: string): JobParams => find(jobId).params,
    /** Every known job without its result, newest first (results can be large; `get` has them). */
    list: (): JobInfo[] =>
      [...jobs.values()]
        .map((j) => {
          const { result: _result, ...rest } = j.info;
          return rest;
        })
        .reverse(),
    /** Host stop: every job is stopped (persisted ones end 'interrupted'); resolves once no handler runs any more. */
    async shutdown(): Promise<void> {
      for (const job of jobs.values()) if (!FINISHED.has(job.info.state)) stop(job, 'shutdown');
      await Promise.all([...runningHandlers]);
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
