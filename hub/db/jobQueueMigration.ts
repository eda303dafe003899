/**
 * Schema of issue 15 (scale): consensus, scoring and epochs as jobs.
 * PLACEHOLDER — filled in by the job-queue work (readiness indexes, job bookkeeping).
 */
export const jobQueueMigration = {
  version: 10,
  statements: [] as string[],
};
