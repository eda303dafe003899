import { z } from 'zod';
import { BoxSchema } from '../../../core/model/shape';
import { defineService, method } from '../contract/defineService';
import { ItemPredictionsSchema, ThresholdsSchema } from './inferenceService';
import { RelPathSchema } from './mediaService';

/** 'interrupted': the host stopped while the job ran; a resumable job can be resumed from where it was. */
export const JobStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted']);

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
  /** Jobs whose state is persisted on disk survive a restart and can be resumed. */
  resumable: z.boolean().default(false),
  /** Items that failed but did not stop the job (e.g. a corrupt image in a pre-label run). */
  failed: z.number().int().nonnegative().default(0),
  /** What the job works on, so a renderer finds its jobs again after a restart (prelabel: projectId, rootId, modelId). */
  subject: z.object({ projectId: z.string().optional(), rootId: z.string().optional(), modelId: z.string().optional() }).optional(),
});
export type JobInfo = z.infer<typeof JobInfoSchema>;

/** The job kinds this build knows and their parameters; later issues add 'inference', 'shots', 'autotrack'. */
export const JobParamsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('intake'), rootId: z.string().min(1) }),
  z.object({
    kind: z.literal('prelabel'),
    modelId: z.string().min(1),
    rootId: z.string().min(1),
    /** Lets the renderer find its run again after a restart. */
    projectId: z.string().min(1),
    thresholds: ThresholdsSchema,
    items: z.array(z.object({ itemId: z.string().min(1), relPath: RelPathSchema })).min(1).max(200_000),
  }),
  /** Scene-change pass over a video; result: ShotsResult. */
  z.object({ kind: z.literal('shots'), rootId: z.string().min(1), relPath: RelPathSchema, threshold: z.number().min(0).max(1).default(0.3) }),
  /**
   * Auto-track; result: AutoTrackResult. 'detector' (needs modelId and thresholds): the detector every
   * `everyK` frames, linked into tracks. 'visual' (no model): follows `target`, the box the user drew on
   * startFrame, with a visual tracker, keyframes every `everyK` frames, ending where it loses the object.
   * Without `tracker`: 'detector' when a modelId is given, else 'visual'.
   */
  z.object({
    kind: z.literal('autotrack'),
    rootId: z.string().min(1),
    relPath: RelPathSchema,
    tracker: z.enum(['detector', 'visual']).optional(),
    modelId: z.string().min(1).optional(),
    thresholds: ThresholdsSchema.optional(),
    /** The box to follow (video pixels, on startFrame) and the class name its track gets; 'visual' only. */
    target: z.object({ box: BoxSchema, className: z.string().min(1) }).optional(),
    everyK: z.number().int().positive().max(1000),
    startFrame: z.number().int().nonnegative(),
    endFrame: z.number().int().nonnegative(),
  }),
  /** A hub task's media for offline work, into `<dataDir>/hubs/<host>/<taskId>/` (resumed with Range, sha256 checked); result: DownloadJobResult. */
  z.object({
    kind: z.literal('download'),
    hubUrl: z.string().url().max(2048),
    taskId: z.string().min(1).max(256),
    items: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), fileName: z.string().min(1).max(255) })).min(1).max(200_000),
  }),
]);
export type JobParams = z.infer<typeof JobParamsSchema>;

/** One image a prelabel job could not label, by its path in the media folder, and why. */
export const PrelabelFailureSchema = z.object({ itemId: z.string(), relPath: z.string(), error: z.string() });
export type PrelabelFailure = z.infer<typeof PrelabelFailureSchema>;

/** `JobInfo.result` of a succeeded 'prelabel' job; the per-item predictions come from `jobs.results`. */
export const PrelabelJobResultSchema = z.object({
  modelId: z.string(),
  /** The execution provider the model ran on. */
  provider: z.string(),
  items: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** The failed items in item order ("Retry failed" re-runs exactly these); absent in results of older builds. */
  failures: z.array(PrelabelFailureSchema).optional(),
});
export type PrelabelJobResult = z.infer<typeof PrelabelJobResultSchema>;

export const jobsService = defineService(
  'jobs',
  {
    start: method(z.object({ params: JobParamsSchema }).strict(), z.object({ jobId: z.string() })),
    cancel: method(z.object({ jobId: z.string().min(1) }).strict(), z.object({ cancelled: z.boolean() })),
    get: method(z.object({ jobId: z.string().min(1) }).strict(), JobInfoSchema),
    list: method(z.object({}).strict(), z.array(JobInfoSchema)),
    /** Continue an interrupted resumable job; items already done are not run again. */
    resume: method(z.object({ jobId: z.string().min(1) }).strict(), z.object({ jobId: z.string() })),
    /** Per-item results of a job that streams them (prelabel), from index `from` on: how a renderer catches up after a restart. */
    results: method(
      z.object({ jobId: z.string().min(1), from: z.number().int().nonnegative(), limit: z.number().int().positive().max(5000).default(500) }).strict(),
      z.object({ results: z.array(z.object({ index: z.number().int().nonnegative(), result: ItemPredictionsSchema })), next: z.number().int().nonnegative() }),
    ),
  },
  {
    /** Sent on every state or progress change (throttled by the host to a few per second per job). */
    changed: JobInfoSchema,
    /** One item of a streaming job finished (prelabel); `index` counts results of the job from 0. */
    itemResult: z.object({ jobId: z.string(), index: z.number().int().nonnegative(), result: ItemPredictionsSchema }),
  },
);
