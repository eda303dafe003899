import { IntakeReportSchema, type IntakeReport, type JobInfo } from '../../electron/common/services';
import type { Host } from './connectHost';

/**
 * Runs the host's 'intake' job over a granted root and resolves with its
 * report. Progress comes from the jobs 'changed' events; the listener is
 * attached before the job starts and the job is read once after, so a job
 * that finishes instantly is not missed.
 */
export async function runIntakeJob(host: Host, rootId: string, onProgress: (job: JobInfo) => void): Promise<IntakeReport> {
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
    jobId = (await host.jobs.start({ params: { kind: 'intake', rootId } })).jobId;
    for (const job of early.splice(0)) if (job.id === jobId) settle!(job);
    settle!(await host.jobs.get({ jobId }));
    const job = await finished;
    if (job.state !== 'succeeded') throw new Error(job.error ?? `the folder scan was ${job.state}`);
    return IntakeReportSchema.parse(job.result);
  } finally {
    off();
  }
}
