import { z } from 'zod';
import { defineService, method } from '../contract/defineService';
import { HubUrlSchema, UintStringSchema } from './hubService';
import { AddressSchema } from './walletService';

/**
 * The requester's side of a hub: the tasks this wallet published, each
 * task's progress (the hub's GET /tasks/:taskId/progress) with its pool read
 * from the chain by the host, and the dataset with its lineage downloaded to a
 * folder the user chose. Amounts are token base units as decimal strings; the
 * token's symbol and decimals come from the token contract on the pinned
 * chain, never from the hub. Hub failures are ServiceErrors whose details are
 * a HubFailure (e.g. `{ kind: 'rejected', code: 'not_your_task' }`); folder
 * refusals carry details { code: 'folder-not-absolute' | 'folder-missing' |
 * 'not-a-folder' | 'folder-not-writable' }, a broken download { code: 'bad-download' }.
 */

const TaskIdSchema = z.string().min(1).max(200);

/** A task as the hub lists it, the fields the dashboard shows. */
export const RequesterTaskSchema = z.object({
  taskId: z.string(),
  title: z.string(),
  requester: AddressSchema,
  redundancy: z.number().int().positive(),
  rewardPerItem: UintStringSchema,
  itemCount: z.number().int().nonnegative(),
  openItems: z.number().int().nonnegative().optional(),
  deadline: z.string().nullable().optional(),
});
export type RequesterTask = z.infer<typeof RequesterTaskSchema>;

export const MyTasksSchema = z.object({
  hubUrl: z.string(),
  /** The address signed in on the hub (the wallet). */
  account: AddressSchema,
  /** The hub gives this account the requester role (configured or granted). */
  isRequester: z.boolean(),
  /** Tasks whose requester is this account, oldest first. */
  tasks: z.array(RequesterTaskSchema),
});
export type MyTasks = z.infer<typeof MyTasksSchema>;

const SpendSchema = z.object({ allocated: UintStringSchema, pending: UintStringSchema, total: UintStringSchema });

/** GET /tasks/:taskId/progress as the hub answers it (see hub/README.md). */
export const TaskProgressSchema = z.object({
  taskId: z.string(),
  title: z.string(),
  itemCount: z.number().int().nonnegative(),
  redundancy: z.number().int().positive(),
  deadline: z.string().nullable(),
  items: z.object({ open: z.number().int().nonnegative(), accepted: z.number().int().nonnegative(), disputed: z.number().int().nonnegative(), resolved: z.number().int().nonnegative() }),
  agreementRate: z.number().min(0).max(1).nullable(),
  disputeRate: z.number().min(0).max(1).nullable(),
  spend: z.object({ allocated: UintStringSchema, pending: UintStringSchema, committed: UintStringSchema, maxSpend: UintStringSchema }),
  /** The hub's reading of the pool (null on a hub without a chain, or with `poolError`). Shown next to the host's own reading. */
  pool: z
    .object({
      token: AddressSchema.nullable(),
      requester: AddressSchema.nullable(),
      state: z.string(),
      deposited: UintStringSchema,
      allocated: UintStringSchema,
      promised: UintStringSchema,
      paid: UintStringSchema,
      remaining: UintStringSchema,
      closesAt: z.number().int().nullable(),
    })
    .nullable(),
  poolError: z.string().optional(),
  costPerAcceptedItem: UintStringSchema.nullable(),
  eta: z.object({
    remainingItems: z.number().int().nonnegative(),
    finalizedInWindow: z.number().int().nonnegative(),
    windowHours: z.number().nonnegative(),
    itemsPerHour: z.number().nonnegative(),
    done: z.boolean(),
    estimatedCompletion: z.string().nullable(),
    method: z.string(),
  }),
  annotators: z.array(
    z.object({
      annotator: AddressSchema,
      assigned: z.number().int().nonnegative(),
      submitted: z.number().int().nonnegative(),
      agreed: z.number().int().nonnegative(),
      rejected: z.number().int().nonnegative(),
      undecided: z.number().int(),
      agreementRate: z.number().min(0).max(1).nullable(),
      earnings: SpendSchema,
    }),
  ),
  reviewers: z.array(z.object({ reviewer: AddressSchema, verdicts: z.number().int().nonnegative(), fees: SpendSchema })),
});
export type TaskProgress = z.infer<typeof TaskProgressSchema>;

/** The task's pool as the host read it from the pinned rewards contract (key: core's taskIdToBytes32 of the task id). */
export const ChainPoolSchema = z.object({
  chainId: z.number().int().positive(),
  contract: AddressSchema,
  task: z.string(),
  /** Null while nothing was deposited (the pool does not exist yet). */
  requester: AddressSchema.nullable(),
  /** The pool's token, or the hub's pinned token while the pool does not exist. */
  token: AddressSchema,
  tokenSymbol: z.string().nullable(),
  tokenDecimals: z.number().int().nonnegative().nullable(),
  /** What the pool holds for the task now: the contract lowers it to `allocated` when it refunds the rest. */
  deposited: UintStringSchema,
  /** Paid back to the requester (the contract's Refunded events); null when the RPC would not answer the log query. */
  refunded: UintStringSchema.nullable(),
  /** Unix seconds of the block of the last refund; null when none was paid (or `refunded` is unknown). */
  refundedAt: z.number().int().nonnegative().nullable(),
  /** deposited + refunded: everything ever put into the pool; null when `refunded` is unknown. */
  depositedTotal: UintStringSchema.nullable(),
  allocated: UintStringSchema,
  paid: UintStringSchema,
  /** deposited − allocated: not yet given to anyone on chain. */
  unallocated: UintStringSchema,
  /** Unix seconds from which a refund may be sent; null while open. */
  closesAt: z.number().int().nonnegative().nullable(),
});
export type ChainPool = z.infer<typeof ChainPoolSchema>;

export const TaskDashboardSchema = z.object({
  hubUrl: z.string(),
  progress: TaskProgressSchema,
  /** Null when the chain cannot be read (`chainError` says why); the rest of the dashboard still works. */
  chain: ChainPoolSchema.nullable(),
  chainError: z.string().nullable(),
  /** When the host read it (ISO). */
  readAt: z.string(),
});
export type TaskDashboard = z.infer<typeof TaskDashboardSchema>;

export const ExportFormatSchema = z.enum(['coco', 'yolo', 'voc', 'cvat', 'labelstudio']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const ExportedDatasetSchema = z.object({
  /** `<folder>/<taskId>-<format>.zip`, complete and checked. */
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  /** Hex SHA-256 of the file as written. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The zip's file names (manifest.json, lineage.jsonl, dataset/…). */
  entries: z.number().int().nonnegative(),
});
export type ExportedDataset = z.infer<typeof ExportedDatasetSchema>;

export const requesterService = defineService(
  'requester',
  {
    /** The tasks this wallet requested on the hub (GET /tasks filtered by requester), signing in first if needed. */
    myTasks: method(z.object({ hubUrl: HubUrlSchema }).strict(), MyTasksSchema),
    /** One task's dashboard: the hub's progress and the pool read from the chain with the token's own decimals. */
    taskProgress: method(z.object({ hubUrl: HubUrlSchema, taskId: TaskIdSchema }).strict(), TaskDashboardSchema),
    /**
     * Downloads GET /tasks/:taskId/export to `<folder>/<taskId>-<format>.zip`: streamed to a temporary file in
     * that folder, checked (length, zip directory with manifest.json and lineage.jsonl), then renamed. A failure
     * leaves nothing behind. `folder` is an absolute path on the host that exists and is writable.
     */
    exportDataset: method(
      z.object({ hubUrl: HubUrlSchema, taskId: TaskIdSchema, format: ExportFormatSchema, includeDisputed: z.boolean().default(false), folder: z.string().min(1).max(4096) }).strict(),
      ExportedDatasetSchema,
    ),
  },
  {},
);
