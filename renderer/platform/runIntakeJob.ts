import { IntakeReportSchema, type IntakeReport, type JobInfo } from '../../electron/common/services';
import type { Host } from './connectHost';
import { runJob } from './runJob';

/** Runs the host's 'intake' job over a granted root and resolves with its report. */
export async function runIntakeJob(host: Host, rootId: string, onProgress: (job: JobInfo) => void): Promise<IntakeReport> {
  const job = await runJob(host, { kind: 'intake', rootId }, onProgress);
  if (job.state !== 'succeeded') throw new Error(job.error ?? `the folder scan was ${job.state}`);
  return IntakeReportSchema.parse(job.result);
}
