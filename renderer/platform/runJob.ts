import type { JobInfo, JobParams } from '../../electron/common/services';
import type { Host } from './connectHost';

/**
 * Runs a host job and resolves with its final JobInfo (succeeded, failed or
 * cancelled). Progress comes from the jobs 'changed' events; the listener is
 * attached before the job starts and the job is read once after, so a job
 * that finishes instantly is not missed. `onStarted` gets the id (to cancel).
 */
export async function runJob(host: Host, params: JobParams, onProgress: (job: JobInfo) => void, onStarted?: (jobId: string) => void): Promise<JobInfo> {
  let jobId: string | null = null;
  const early: JobInfo[] = [];
  let settle: ((job: JobInfo) => void) | null = null;
  const off = host.jobs.on('changed', (job) => {
    if (jobId === null) early.push(job);
    else if (job.id === jobId) settle?.(job);
  });
  try {
    const finished = new Promise<JobInfo>((resolve) => {
      settle = (job) => {
        onProgress(job);
        if (job.state !== 'queued' && job.state !== 'running') resolve(job);
      };
    });
    jobId = (await host.jobs.start({ params })).jobId;
    onStarted?.(jobId);
    for (const job of early.splice(0)) if (job.id === jobId) settle!(job);
    settle!(await host.jobs.get({ jobId }));
    return await finished;
  } finally {
    off();
  }
}
