import { z } from 'zod';
import { defineService, method } from '../contract/defineService';

export const JobStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);

export const JobInfoSchema = z.object({
  id: z.string(),
  kind: z.string(),
  state: JobStateSchema,
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  message: z.string(),
  startedAt: z.number(),
  /** Present once succeeded; its shape is given by the job kind (e.g. IntakeReport for 'intake'). */
  result: z.unknown().optional(),
  error: z.string().optional(),
});
export type JobInfo = z.infer<typeof JobInfoSchema>;

/** The job kinds this build knows and their parameters; later issues add 'inference', 'shots', 'autotrack'. */
export const JobParamsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('intake'), rootId: z.string().min(1) }),
]);
export type JobParams = z.infer<typeof JobParamsSchema>;

export const jobsService = defineService(
  'jobs',
  {
    start: method(z.object({ params: JobParamsSchema }).strict(), z.object({ jobId: z.string() })),
    cancel: method(z.object({ jobId: z.string().min(1) }).strict(), z.object({ cancelled: z.boolean() })),
    get: method(z.object({ jobId: z.string().min(1) }).strict(), JobInfoSchema),
    list: method(z.object({}).strict(), z.array(JobInfoSchema)),
  },
  {
    /** Sent on every state or progress change (throttled by the host to a few per second per job). */
    changed: JobInfoSchema,
  },
);
