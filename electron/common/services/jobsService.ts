import { z } from 'zod';
import { LabelSchemaSchema } from '../../../core/model/labelSchema';
import { BoxSchema } from '../../../core/model/shape';
import { TaskConsensusOptionsSchema, VideoItemInfoSchema } from '../../../core/hubApi/tasks';
import { defineService, method } from '../contract/defineService';
import { CanonicalShapeSchema } from './hubService';
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

const WeiSchema = z.string().regex(/^(0|[1-9]\d{0,77})$/, 'a whole number of wei as a decimal string');
const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex sha256');

/**
 * 'publish' (electron/services/requester/publishJob.ts): what the task will say and which files of the
 * project's media root it lists. Amounts are wei, converted by the renderer with the decimals the host read
 * from the pinned token contract. Persisted and resumable; files the hub already holds for this wallet are
 * not sent again, and a project already published on this hub is refused unless `republish` says so.
 */
export const PublishJobParamsSchema = z.object({
  kind: z.literal('publish'),
  hubUrl: z.string().url().max(2048),
  /** The local project (one published task per project and hub unless `republish`). */
  projectId: z.string().min(1).max(256),
  rootId: z.string().min(1),
  /** The task's items in order; `sha256` is what intake recorded, so a file changed since is refused. May be empty only to be refused with a clear message. */
  items: z
    .array(
      z.object({
        relPath: RelPathSchema,
        fileName: z.string().min(1).max(512),
        width: z.number().int().positive().max(1_000_000),
        height: z.number().int().positive().max(1_000_000),
        sha256: Sha256Schema.optional(),
        /** A video item: frame count and rate of the workstation's own probe (intake), sent with the task item. */
        video: VideoItemInfoSchema.optional(),
      }),
    )
    .max(100_000),
  terms: z.object({
    title: z.string().min(1).max(200),
    labelSchema: LabelSchemaSchema,
    redundancy: z.number().int().min(1).max(15),
    rewardPerItem: WeiSchema,
    reviewerFee: WeiSchema.default('0'),
    level: z.number().int().min(0).max(100).default(0),
    /** ISO 8601 with a zone, or null for none. */
    deadline: z.iso.datetime({ offset: true }).nullable().default(null),
    /** Markdown shown to annotators before their first item. */
    instructions: z.string().max(20_000).default(''),
    rewardToken: z.string().regex(/^0x[0-9a-fA-F]{40}$/).optional(),
    /** A video task's agreement thresholds (core/consensus/video); unset ones take the hub's defaults. */
    consensus: TaskConsensusOptionsSchema.optional(),
  }),
  /** Project images shown to annotators before their first item. */
  examples: z.array(z.object({ relPath: RelPathSchema })).max(20).default([]),
  /** Items the requester labeled: their known answers (core's canonical shapes, class names of `labelSchema`). */
  honeypots: z.array(z.object({ relPath: RelPathSchema, shapes: z.array(CanonicalShapeSchema).max(1000) })).max(100_000).default([]),
  /** Publish again although this project already has a task on this hub (a second task, on purpose). */
  republish: z.boolean().default(false),
});
export type PublishJobParams = z.infer<typeof PublishJobParamsSchema>;

/** `JobInfo.result` of a succeeded 'publish' job. */
export const PublishJobResultSchema = z.object({
  hubUrl: z.string(),
  projectId: z.string(),
  taskId: z.string(),
  /** The task's bytes32 key (its pool on chain), computed on the host from the task id. */
  task: z.string(),
  title: z.string(),
  itemCount: z.number().int().nonnegative(),
  /** Files sent by this job, and files the hub already held for this wallet (an earlier or interrupted run). */
  uploaded: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  bytesUploaded: z.number().int().nonnegative(),
  examples: z.array(Sha256Schema),
  honeypots: z.number().int().nonnegative(),
  /** The most the task can ever cost (the hub's figure), wei. */
  maxSpend: WeiSchema.nullable(),
  /** True when the task had been created by an earlier run whose answer was lost, and was found on the hub instead of created again. */
  recovered: z.boolean(),
});
export type PublishJobResult = z.infer<typeof PublishJobResultSchema>;

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
  /** A local image project published as a hub task: media hashed, uploaded unless the hub holds it for this wallet, then POST /tasks; result: PublishJobResult. */
  PublishJobParamsSchema,
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
