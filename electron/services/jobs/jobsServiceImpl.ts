import type { ServiceImpl } from '../../common/contract/defineService';
import type { jobsService } from '../../common/services/jobsService';
import type { JobRunner } from './jobRunner';
import { isPersistedKind, type PersistedJobs } from './persistedJobs';

export function createJobsService(runner: JobRunner, persisted: PersistedJobs): ServiceImpl<typeof jobsService> {
  return {
    start: async ({ params }) => ({ jobId: isPersistedKind(params.kind) ? await persisted.start(params) : runner.start(params) }),
    cancel: async ({ jobId }) => ({ cancelled: runner.cancel(jobId) }),
    get: async ({ jobId }) => runner.get(jobId),
    list: async () => runner.list(),
    resume: async ({ jobId }) => ({ jobId: runner.resume(jobId) }),
    results: async ({ jobId, from, limit }) => persisted.results(jobId, from, limit),
  };
}
