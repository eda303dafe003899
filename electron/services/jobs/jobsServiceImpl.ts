import type { ServiceImpl } from '../../common/contract/defineService';
import type { jobsService } from '../../common/services/jobsService';
import type { JobRunner } from './jobRunner';

export function createJobsService(runner: JobRunner): ServiceImpl<typeof jobsService> {
  return {
    start: async ({ params }) => ({ jobId: runner.start(params) }),
    cancel: async ({ jobId }) => ({ cancelled: runner.cancel(jobId) }),
    get: async ({ jobId }) => runner.get(jobId),
    list: async () => runner.list(),
  };
}
