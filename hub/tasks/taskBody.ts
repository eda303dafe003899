import { z } from 'zod';
import { LabelSchemaSchema } from '../../core/model/labelSchema';
import { CanonicalShapeSchema } from '../../core/sync/wireSchemas';

const SHA256 = /^[0-9a-f]{64}$/;

export const TaskItemBody = z.object({
  sha256: z.string().regex(SHA256, 'lower-case hex sha256 (64 digits)'),
  fileName: z.string().min(1).max(512),
  width: z.number().int().positive().max(1_000_000),
  height: z.number().int().positive().max(1_000_000),
  /** Media served from elsewhere; without it the requester uploads it with PUT /media/:sha256. */
  url: z.url({ protocol: /^https?$/ }).max(2048).optional(),
});

export const CreateTaskBody = z.object({
  title: z.string().min(1).max(200),
  labelSchema: LabelSchemaSchema.refine((s) => s.classes.length > 0, 'a task needs at least one class'),
  redundancy: z.number().int().min(1).max(50),
  rewardPerItem: z.string().regex(/^\d{1,78}$/, 'wei as a decimal string'),
  /** Must be the distributor's token when given (one distributor pays one token). */
  rewardToken: z.string().regex(/^0x[0-9a-fA-F]{40}$/).optional(),
  items: z.array(TaskItemBody).min(1).max(100_000),
  /** Items of `items` (by media hash) with known answers; never shown to annotators. */
  honeypots: z
    .array(z.object({ sha256: z.string().regex(SHA256, 'lower-case hex sha256 (64 digits)'), shapes: z.array(CanonicalShapeSchema).max(1000) }))
    .max(100_000)
    .default([]),
  /** Paid to the reviewer of each item of this task resolved by a verdict. */
  reviewerFee: z.string().regex(/^\d{1,78}$/, 'wei as a decimal string').default('0'),
  /** Which tiers may take the task (canTakeTask: tier.taskLevel ≥ level). */
  level: z.number().int().min(0).max(100).default(0),
});
export type CreateTaskBody = z.infer<typeof CreateTaskBody>;

export const AssignBody = z.object({ count: z.number().int().min(1).max(10_000) });
