import { z } from 'zod';
import { LabelSchemaSchema } from '../../core/model/labelSchema';
import { CanonicalShapeSchema } from '../../core/sync/wireSchemas';
import { MAX_EXAMPLES, MAX_INSTRUCTIONS_BYTES, MAX_REDUNDANCY } from './taskLimits';

const SHA256 = /^[0-9a-f]{64}$/;
/** Whole wei, no sign, no leading zeros, at most 78 digits (the bound past that is the budget cap, taskLimits.ts). */
const POSITIVE_WEI = /^[1-9]\d{0,77}$/;
const WEI = /^(0|[1-9]\d{0,77})$/;
/** PostgreSQL text cannot hold U+0000: refused here, not as a 500 from the database. */
const noNul = (s: string) => !s.includes('\u0000');

export const TaskItemBody = z.object({
  sha256: z.string().regex(SHA256, 'lower-case hex sha256 (64 digits)'),
  fileName: z.string().min(1).max(512),
  width: z.number().int().positive().max(1_000_000),
  height: z.number().int().positive().max(1_000_000),
  /** Media served from elsewhere; without it the requester uploads it with PUT /media/:sha256. */
  url: z.url({ protocol: /^https?$/ }).max(2048).optional(),
});

export const CreateTaskBody = z.object({
  title: z.string().min(1).max(200).refine(noNul, 'no NUL characters'),
  labelSchema: LabelSchemaSchema.refine((s) => s.classes.length > 0, 'a task needs at least one class'),
  redundancy: z.number().int().min(1).max(MAX_REDUNDANCY),
  rewardPerItem: z.string().regex(POSITIVE_WEI, 'a positive whole number of wei as a decimal string'),
  /** Must be the distributor's token when given (one distributor pays one token). */
  rewardToken: z.string().regex(/^0x[0-9a-fA-F]{40}$/).optional(),
  items: z.array(TaskItemBody).min(1).max(100_000),
  /** Items of `items` (by media hash) with known answers; never shown to annotators. */
  honeypots: z
    .array(z.object({ sha256: z.string().regex(SHA256, 'lower-case hex sha256 (64 digits)'), shapes: z.array(CanonicalShapeSchema).max(1000) }))
    .max(100_000)
    .default([]),
  /** Paid to the reviewer of each item of this task resolved by a verdict. */
  reviewerFee: z.string().regex(WEI, 'a whole number of wei as a decimal string').default('0'),
  /** Which tiers may take the task (canTakeTask: tier.taskLevel ≥ level). */
  level: z.number().int().min(0).max(100).default(0),
  /** Markdown shown to annotators before their first item. */
  instructions: z
    .string()
    .refine((s) => Buffer.byteLength(s, 'utf8') <= MAX_INSTRUCTIONS_BYTES, `at most ${MAX_INSTRUCTIONS_BYTES} bytes of UTF-8`)
    .refine(noNul, 'no NUL characters')
    .default(''),
  /** Example images: media already uploaded with PUT /media/:sha256. */
  examples: z.array(z.string().regex(SHA256, 'lower-case hex sha256 (64 digits)')).max(MAX_EXAMPLES).default([]),
  /** ISO 8601 with a time zone; no new items are assigned after it. */
  deadline: z.iso.datetime({ offset: true }).optional(),
});
export type CreateTaskBody = z.infer<typeof CreateTaskBody>;

export const AssignBody = z.object({ count: z.number().int().min(1).max(10_000) });
