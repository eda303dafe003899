import { PublishJobResultSchema, type JobInfo, type PublishJobResult } from '../../electron/common/services/jobsService';
import type { Host } from '../platform/connectHost';

/** What the host remembers of a project's publish jobs (they are persisted, so this survives a restart). */
export interface Publications {
  /** Tasks this project was published as, newest first. */
  published: PublishJobResult[];
  /** A publish still queued or running (after a reload of the page), or stopped by a host restart and resumable. */
  unfinished: JobInfo | null;
}

/** Not ended on its own: still at work, or stopped by a host restart and resumable. */
const ACTIVE = new Set<JobInfo['state']>(['queued', 'running', 'interrupted']);

export async function findPublications(host: Pick<Host, 'jobs'>, projectId: string): Promise<Publications> {
  const jobs = (await host.jobs.list({})).filter((j) => j.kind === 'publish' && j.subject?.projectId === projectId);
  const published: PublishJobResult[] = [];
  for (const job of jobs.filter((j) => j.state === 'succeeded')) {
    const parsed = PublishJobResultSchema.safeParse((await host.jobs.get({ jobId: job.id })).result);
    if (parsed.success) published.push(parsed.data);
  }
  return { published, unfinished: jobs.find((j) => ACTIVE.has(j.state)) ?? null };
}

const ended = (job: JobInfo) => job.state !== 'queued' && job.state !== 'running';

/**
 * Starts (or resumes) a job with `begin` and follows it until it ends:
 * `onChange` gets every state, the last one included. The listener is on
 * before `begin` runs and the job is read once after, so a job that changes
 * before its id is known is not missed. `begin` may also just name a job
 * already running (after a reload of the page).
 */
export async function followJob(host: Pick<Host, 'jobs'>, begin: () => Promise<string>, onChange: (job: JobInfo) => void): Promise<JobInfo> {
  let jobId: string | null = null;
  const early: JobInfo[] = [];
  let settle!: (job: JobInfo) => void;
  const finished = new Promise<JobInfo>((resolve) => (settle = resolve));
  const see = (job: JobInfo) => {
    onChange(job);
    if (ended(job)) settle(job);
  };
  const off = host.jobs.on('changed', (job) => {
    if (jobId === null) early.push(job);
    else if (job.id === jobId) see(job);
  });
  try {
    jobId = await begin();
    for (const job of early.splice(0)) if (job.id === jobId) see(job);
    see(await host.jobs.get({ jobId }));
    return await finished;
  } finally {
    off();
  }
}
