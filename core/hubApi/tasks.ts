import { z } from 'zod';
import { LabelSchemaSchema } from '../model/labelSchema';
import { AddressSchema, CanonicalShapeSchema, Hex32Schema, SYNC_LIMITS } from '../sync/wireSchemas';
import { IdParamSchema, IsoTimeSchema, Sha256Schema, StatusCountsSchema, WeiStringSchema } from './fields';
import { itemNameProblem } from './itemName';
import { defineRoute } from './route';
import { MAX_EXAMPLES, MAX_INSTRUCTIONS_BYTES, MAX_REDUNDANCY } from './taskBounds';

/** A video item's frame count and rate, as the requester's ffprobe read them; the workstation checks them against its own probe. */
export const VideoItemInfoSchema = z.object({
  frameCount: z.number().int().min(1).max(SYNC_LIMITS.maxFrames),
  fps: z.number().positive().max(1000),
});
export type VideoItemInfo = z.infer<typeof VideoItemInfoSchema>;

/** Whole wei, no sign, no leading zeros, at most 78 digits (the bound past that is the hub's budget cap). */
const POSITIVE_WEI = /^[1-9]\d{0,77}$/;
const WEI = /^(0|[1-9]\d{0,77})$/;
/** PostgreSQL text cannot hold U+0000: refused here, not as a 500 from the database. */
const noNul = (s: string) => !s.includes('\u0000');
const utf8Bytes = (s: string) => new TextEncoder().encode(s).byteLength;

export const TaskItemBody = z.object({
  sha256: Sha256Schema,
  /** The requester's name for the image (itemName.ts): shown to its annotators, used in exports. */
  fileName: z.string().superRefine((name, ctx) => {
    const problem = itemNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  width: z.number().int().positive().max(1_000_000),
  height: z.number().int().positive().max(1_000_000),
  /** Media served from elsewhere; without it the requester uploads it with PUT /media/:sha256. */
  url: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  /** Present for a video item: what ffprobe says of it. Its labels are then signed in the version-2 canonical form with this frame count. */
  video: VideoItemInfoSchema.optional(),
});

/**
 * Video consensus thresholds a task may set (core/consensus/video/types.ts
 * says what each means and its default). Bounded so no task can make every
 * item pass: a majority is always a strict majority (quorumShare ≥ 0.5),
 * an acceptance or IoU below 0.3 would call strangers' work agreement, and a
 * boundary tolerance is at most 10 s at 30 fps. Strict: a misspelled
 * threshold is refused, not silently replaced by its default.
 */
export const TaskConsensusOptionsSchema = z.strictObject({
  trackIouThreshold: z.number().min(0.3).max(1).optional(),
  frameIouThreshold: z.number().min(0.3).max(1).optional(),
  quorumShare: z.number().min(0.5).max(0.95).optional(),
  trackAcceptance: z.number().min(0.3).max(1).optional(),
  tagAcceptance: z.number().min(0.3).max(1).optional(),
  boundaryTolerance: z.number().int().min(0).max(300).optional(),
  segmentAcceptance: z.number().min(0.3).max(1).optional(),
  keyframeTolerance: z.number().min(0).max(50).optional(),
});
export type TaskConsensusOptions = z.infer<typeof TaskConsensusOptionsSchema>;

/** POST /tasks. */
export const CreateTaskBody = z.object({
  title: z.string().min(1).max(200).refine(noNul, 'no NUL characters'),
  labelSchema: LabelSchemaSchema.refine((s) => s.classes.length > 0, 'a task needs at least one class'),
  redundancy: z.number().int().min(1).max(MAX_REDUNDANCY),
  rewardPerItem: z.string().regex(POSITIVE_WEI, 'a positive whole number of wei as a decimal string'),
  /** Any ERC-20 (the requester's own included); default the hub's token. The task's pool must be funded in it. */
  rewardToken: z.string().regex(/^0x[0-9a-fA-F]{40}$/).optional(),
  items: z.array(TaskItemBody).min(1).max(100_000),
  /** Items of `items` (by media hash) with known answers; never shown to annotators. */
  honeypots: z
    .array(z.object({ sha256: Sha256Schema, shapes: z.array(CanonicalShapeSchema).max(1000) }))
    .max(100_000)
    .default([]),
  /** Paid to the reviewer of each item of this task resolved by a verdict. */
  reviewerFee: z.string().regex(WEI, 'a whole number of wei as a decimal string').default('0'),
  /** Which tiers may take the task (canTakeTask: tier.taskLevel ≥ level). */
  level: z.number().int().min(0).max(100).default(0),
  /** Markdown shown to annotators before their first item. */
  instructions: z
    .string()
    .refine((s) => utf8Bytes(s) <= MAX_INSTRUCTIONS_BYTES, `at most ${MAX_INSTRUCTIONS_BYTES} bytes of UTF-8`)
    .refine(noNul, 'no NUL characters')
    .default(''),
  /** Example images: media already uploaded with PUT /media/:sha256. */
  examples: z.array(Sha256Schema).max(MAX_EXAMPLES).default([]),
  /** ISO 8601 with a time zone; no new items are assigned after it. */
  deadline: z.iso.datetime({ offset: true }).optional(),
  /** Video consensus thresholds for this task; unset ones take core/consensus/video's defaults. */
  consensus: TaskConsensusOptionsSchema.default({}),
});
export type CreateTaskBody = z.infer<typeof CreateTaskBody>;

export const AssignBody = z.object({ count: z.number().int().min(1).max(10_000) });

/**
 * A task as the workstation needs it to list and take work. Loose: the hub
 * sends more (below), and a workstation keeps what it does not know.
 */
export const HubTaskSchema = z.looseObject({
  taskId: z.string(),
  title: z.string(),
  labelSchema: z.unknown(),
  redundancy: z.number().int().positive(),
  rewardPerItem: WeiStringSchema,
  /** false for a task above the caller's tier: listed so the annotator sees what a tier unlocks, but not assigned. */
  available: z.boolean().optional(),
  requiredTier: z.object({ tier: z.number().int(), name: z.string() }).optional(),
  unavailableReason: z.string().optional(),
});
export type HubTask = z.infer<typeof HubTaskSchema>;

/** Every field of a task the hub answers (tasks/taskStore.ts `taskJson`). */
const TaskFieldsSchema = HubTaskSchema.extend({
  task: Hex32Schema,
  requester: AddressSchema,
  rewardToken: AddressSchema,
  itemCount: z.number().int().positive(),
  level: z.number().int().nonnegative(),
  reviewerFee: WeiStringSchema,
  examples: z.array(Sha256Schema),
  deadline: IsoTimeSchema.nullable(),
  /** The task's video consensus thresholds (defaults filled in by the hub). Absent from hubs before video. */
  consensus: z.looseObject({}).optional(),
});
/** GET /tasks/:taskId: with the instructions. */
export const TaskSchema = TaskFieldsSchema.extend({ instructions: z.string() });
/** GET /tasks: without the instructions, saying whether there are any. */
export const ListedTaskSchema = TaskFieldsSchema.extend({ hasInstructions: z.boolean(), openItems: z.number().int().nonnegative() });
/** POST /tasks: the task as stored, with the most it can ever cost. */
export const CreatedTaskSchema = TaskSchema.extend({ maxSpend: WeiStringSchema });

export const AssignedItemSchema = z.object({
  itemId: z.string(),
  sha256: Sha256Schema,
  fileName: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Media served from elsewhere; null or absent: GET /media/:sha256. */
  url: z.string().nullable().optional(),
  /** A video item (frame count and rate as published). Absent or null: an image. */
  video: VideoItemInfoSchema.nullable().optional(),
});
export type AssignedItem = z.infer<typeof AssignedItemSchema>;

const TaskParams = z.object({ taskId: IdParamSchema });
const EarningsSchema = z.object({ allocated: WeiStringSchema, pending: WeiStringSchema, total: WeiStringSchema });

/** GET /tasks/:taskId/progress: the requester's dashboard (tasks/taskProgress.ts). */
export const TaskProgressSchema = z.looseObject({
  taskId: z.string(),
  title: z.string(),
  itemCount: z.number().int(),
  redundancy: z.number().int(),
  deadline: IsoTimeSchema.nullable(),
  items: StatusCountsSchema,
  agreementRate: z.number().nullable(),
  disputeRate: z.number().nullable(),
  spend: z.looseObject({ allocated: WeiStringSchema, pending: WeiStringSchema, committed: WeiStringSchema, maxSpend: WeiStringSchema }),
  /** The task's pool on chain as GET /pools/:taskId gives it; null without a chain (then `poolError` when it could not be read). */
  pool: z.looseObject({ remaining: WeiStringSchema, state: z.string() }).nullable(),
  poolError: z.string().optional(),
  costPerAcceptedItem: WeiStringSchema.nullable(),
  eta: z.looseObject({ remainingItems: z.number().int(), estimatedCompletion: IsoTimeSchema.nullable() }),
  annotators: z.array(
    z.looseObject({
      annotator: AddressSchema,
      assigned: z.number().int(),
      submitted: z.number().int(),
      agreed: z.number().int(),
      rejected: z.number().int(),
      undecided: z.number().int(),
      agreementRate: z.number().nullable(),
      earnings: EarningsSchema,
    }),
  ),
  reviewers: z.array(z.looseObject({ reviewer: AddressSchema, verdicts: z.number().int(), fees: EarningsSchema })),
});

export const listTasksRoute = defineRoute({ method: 'GET', path: '/tasks', access: 'signedIn', response: z.object({ tasks: z.array(ListedTaskSchema) }) });

export const getTaskRoute = defineRoute({ method: 'GET', path: '/tasks/:taskId', access: 'signedIn', params: TaskParams, response: TaskSchema });

export const createTaskRoute = defineRoute({ method: 'POST', path: '/tasks', access: 'requester', body: CreateTaskBody, response: CreatedTaskSchema });

/** The bytes of an example image the task lists (any other hash: 404 `unknown_example`). */
export const taskExampleRoute = defineRoute({
  method: 'GET',
  path: '/tasks/:taskId/examples/:sha256',
  access: 'signedIn',
  params: z.object({ taskId: IdParamSchema, sha256: IdParamSchema }),
  response: null,
});

export const taskProgressRoute = defineRoute({ method: 'GET', path: '/tasks/:taskId/progress', access: 'task.owner', params: TaskParams, response: TaskProgressSchema });

export const assignWorkRoute = defineRoute({
  method: 'POST',
  path: '/tasks/:taskId/assignments',
  access: 'annotator',
  params: TaskParams,
  body: AssignBody,
  response: z.object({ items: z.array(AssignedItemSchema) }),
});

