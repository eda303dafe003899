import { PrelabelJobResultSchema, type JobInfo, type PrelabelFailure } from '../../electron/common/services';

/**
 * The images a finished prelabel job could not label, from its result (the
 * host keeps it with the job, so it survives a restart of either side).
 * Empty while the job runs, for jobs that failed as a whole, and for results
 * of older hosts that did not list them.
 */
export function jobFailures(info: JobInfo | null): PrelabelFailure[] {
  if (info?.state !== 'succeeded') return [];
  const parsed = PrelabelJobResultSchema.safeParse(info.result);
  return parsed.success ? (parsed.data.failures ?? []) : [];
}
