import { z } from 'zod';
import { BatchReceiptSchema, type BatchReceipt } from '../../../core/hubApi/batches';
import { HubConfigSchema, type HubConfig } from '../../../core/hubApi/config';
import { AssignedItemSchema, HubTaskSchema, type AssignedItem, type HubTask } from '../../../core/hubApi/tasks';
import { AttributeValueSchema } from '../../../core/model/labelSchema';
import { BoxSchema } from '../../../core/model/shape';
import { CanonicalVideoLabelsSchema } from '../../../core/sync/wireSchemas';
import { defineService, method } from '../contract/defineService';
import { AddressSchema } from './walletService';
import { DisputeSchema, ObjectReasonSchema, ReputationSchema, SignedVerdictSchema, TiersSchema, VerdictReceiptSchema, VerdictSummarySchema } from './hubReviewSchemas';

/**
 * Talking to a hub: connect, sign in with the wallet (SIWE, built and signed on
 * the Node side; the session token stays there), tasks and assignments, and
 * signed label batches. Media downloads run as the job kind 'download'
 * (jobsService). Every hub-bound method takes the hub's base URL (`hubUrl`,
 * e.g. http://127.0.0.1:8787) and fails with a ServiceError whose details are
 * a HubFailure when the hub cannot be reached or refuses.
 */

export const HubUrlSchema = z
  .string()
  .max(2048)
  .url()
  .refine((u) => /^https?:\/\//.test(u), { message: 'the hub URL must start with http:// or https://' });

const Bytes32Schema = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected 0x + 32 bytes of hex');
/** A uint256 as a decimal string (JSON has no bigints). */
export const UintStringSchema = z.string().regex(/^\d{1,78}$/, 'expected a non-negative integer as a decimal string');

/** The hub's GET /config, defined with its route (core/hubApi/config.ts): what the workstation pins of a hub. */
export { HubConfigSchema, type HubConfig };

/** What trust-on-first-use pins of a hub: a later /config that differs in any of these must be confirmed again. */
export const PinnedFieldSchema = z.enum(['chainId', 'rewardsContract', 'token', 'stakeRegistry', 'rpcUrl']);
export type PinnedField = z.infer<typeof PinnedFieldSchema>;

/** One check the host made over the chain's RPC before proposing a hub's values (failed checks are refusals, never proposals). */
export const TrustCheckSchema = z.object({
  check: z.enum(['rpc-chain', 'rewards-code', 'token-code', 'stake-registry-code', 'rewards-token', 'stake-registry-token', 'no-rpc']),
  /** 'unchecked': there is no RPC URL to check over (give one to have the contracts checked). */
  status: z.enum(['ok', 'unchecked']),
  detail: z.string(),
});
export type TrustCheck = z.infer<typeof TrustCheckSchema>;

/** A pinned value the hub now announces differently: old (pinned) → new (announced). */
export const TrustChangeSchema = z.object({ field: PinnedFieldSchema, old: z.string().nullable(), new: z.string().nullable() });
export type TrustChange = z.infer<typeof TrustChangeSchema>;

/** What `connect` asks the user to trust, held by the host 10 minutes under `proposalId`. */
export const TrustProposalSchema = z.object({
  proposalId: z.string(),
  hubUrl: z.string(),
  /** The host of the URL the user entered: the only domain SIWE messages for this hub will name. */
  siweDomain: z.string(),
  /** The values that will be pinned: chain id, rewards contract, token, stake registry, RPC URL. */
  config: HubConfigSchema,
  /** Where the RPC URL comes from: the user, the hub's suggestion, the earlier pin; null: none known. */
  rpcSource: z.enum(['user', 'hub', 'pinned']).nullable(),
  checks: z.array(TrustCheckSchema),
  /** Empty on first use; otherwise the pinned values the hub changed (show old → new). */
  changes: z.array(TrustChangeSchema),
});
export type TrustProposal = z.infer<typeof TrustProposalSchema>;

export const HubInfoSchema = z.object({
  hubUrl: z.string(),
  /** The values pinned when the user trusted this hub (the local network's are pinned by the workstation that deployed them). */
  config: HubConfigSchema,
  /** The address signed in on this hub for this host session, or null. */
  signedInAs: AddressSchema.nullable(),
  roles: z.array(z.string()),
  /** True for the hub `npm start` runs on this machine (anvil + embedded hub). */
  local: z.boolean(),
});
export type HubInfo = z.infer<typeof HubInfoSchema>;

/** `connect`'s answer: the hub as pinned, or what the user must confirm first. */
export const ConnectResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('trusted'), info: HubInfoSchema }),
  z.object({ status: z.literal('needs-confirmation'), proposal: TrustProposalSchema }),
]);
export type ConnectResult = z.infer<typeof ConnectResultSchema>;

/** Why a hub call failed: `network` (unreachable, timeout, 5xx — retry later) or `rejected` (the hub said no: `code` and `reason` are its own). */
export const HubFailureSchema = z.object({
  kind: z.enum(['network', 'rejected']),
  code: z.string(),
  reason: z.string(),
  status: z.number().int().optional(),
});
export type HubFailure = z.infer<typeof HubFailureSchema>;

/** A listed task and an assigned item, as the hub answers them (core/hubApi/tasks.ts). */
export { AssignedItemSchema, HubTaskSchema, type AssignedItem, type HubTask };

/** core/sync's CanonicalShape: class and attributes by NAME (names are what annotators of one task share), box in image pixels. */
export const CanonicalShapeSchema = z
  .object({
    className: z.string().min(1).max(256),
    box: BoxSchema,
    attributes: z.record(z.string(), AttributeValueSchema).optional(),
    /** A video item's single-frame box: the frame it is on. */
    frame: z.number().int().nonnegative().optional(),
  })
  .strict();

/**
 * One item's labels for a batch, as the hub's POST /batches takes them. An item with no shapes says "nothing to label here".
 * A video item also carries `video` (frame count of the workstation's own probe, tracks, frame tags, shots: core/sync/canonicalVideo.ts).
 */
export const BatchItemSchema = z.object({ itemId: z.string().min(1).max(256), shapes: z.array(CanonicalShapeSchema).max(10_000), video: CanonicalVideoLabelsSchema.optional() }).strict();
export type BatchItem = z.infer<typeof BatchItemSchema>;

/** The EIP-712 LabelBatch value exactly as signed (core/sync's LabelBatch; the nonce as a decimal string). */
export const LabelBatchSchema = z.object({
  annotator: AddressSchema,
  task: Bytes32Schema,
  root: Bytes32Schema,
  itemCount: z.number().int().positive(),
  nonce: UintStringSchema,
  /** Unix seconds after which the hub refuses the batch. */
  deadline: z.number().int().nonnegative(),
});
export type LabelBatchValue = z.infer<typeof LabelBatchSchema>;

/** A signed batch: store it in the outbox and re-send it as-is on every retry (the hub dedupes it). */
export const SignedBatchSchema = z.object({
  hubUrl: z.string(),
  taskId: z.string(),
  batch: LabelBatchSchema,
  signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/),
  items: z.array(BatchItemSchema).min(1),
});
export type SignedBatch = z.infer<typeof SignedBatchSchema>;

/** A batch's video labels counted for the signing summary: items, tracks, keyframes, frame tags and shots. */
export const BatchVideoCountsSchema = z.object({
  items: z.number().int().nonnegative(),
  tracks: z.number().int().nonnegative(),
  keyframes: z.number().int().nonnegative(),
  frameTags: z.number().int().nonnegative(),
  segments: z.number().int().nonnegative(),
});
export type BatchVideoCounts = z.infer<typeof BatchVideoCountsSchema>;

/** What the user confirms before anything is signed. */
export const BatchSummarySchema = z.object({
  /** The hub's task id and its bytes32 form that is signed. */
  taskId: z.string(),
  task: Bytes32Schema,
  itemCount: z.number().int().positive(),
  root: Bytes32Schema,
  hub: z.string(),
  annotator: AddressSchema,
  nonce: UintStringSchema,
  /** Unix seconds after which the hub refuses the batch. */
  deadline: z.number().int().nonnegative(),
  chainId: z.number().int().positive(),
  verifyingContract: AddressSchema,
  /** Present when the batch holds video items: what of them is signed (counted over all its video items). */
  video: BatchVideoCountsSchema.optional(),
});
export type BatchSummary = z.infer<typeof BatchSummarySchema>;

/** POST /batches' receipt (core/hubApi/batches.ts). */
export { BatchReceiptSchema, type BatchReceipt };

/** The outcome of an upload: accepted with the hub's receipt, or why not (`network`: keep it and retry; `rejected`: final, show `reason`). */
export const UploadResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('accepted'), receipt: BatchReceiptSchema }),
  z.object({ status: z.literal('network'), failure: HubFailureSchema }),
  z.object({ status: z.literal('rejected'), failure: HubFailureSchema }),
]);
export type UploadResult = z.infer<typeof UploadResultSchema>;

/** Result of the 'download' job (jobsService): the task's media folder, granted as a media root. */
export const DownloadJobResultSchema = z.object({
  hubUrl: z.string(),
  taskId: z.string(),
  rootId: z.string(),
  rootPath: z.string(),
  /** relPath inside the root for each file (named `<sha256>.<ext>`), every file's sha256 verified. */
  files: z.array(z.object({ sha256: z.string(), relPath: z.string(), bytes: z.number().int().nonnegative() })),
});
export type DownloadJobResult = z.infer<typeof DownloadJobResultSchema>;

/** The outcome of a verdict upload, classified like a batch upload's. */
export const VerdictUploadResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('accepted'), receipt: VerdictReceiptSchema }),
  z.object({ status: z.literal('network'), failure: HubFailureSchema }),
  z.object({ status: z.literal('rejected'), failure: HubFailureSchema }),
]);
export type VerdictUploadResult = z.infer<typeof VerdictUploadResultSchema>;

/** What an annotator reads before their first item of a task: its instructions (markdown, shown as text) and example images, each checked against its sha256. */
export const TaskBriefSchema = z.object({
  taskId: z.string(),
  title: z.string(),
  instructions: z.string().max(100_000),
  examples: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), mime: z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp']), bytes: z.instanceof(Uint8Array) })).max(20),
});
export type TaskBrief = z.infer<typeof TaskBriefSchema>;

const HubArgs = { hubUrl: HubUrlSchema };
const IdArg = z.string().min(1).max(256);

export const hubService = defineService(
  'hub',
  {
    /** The hubs this workstation knows and the default one (the local network's hub when `npm start` made one). */
    list: method(z.object({}).strict(), z.object({ defaultHub: z.string().nullable(), hubs: z.array(HubInfoSchema) })),
    /**
     * Fetches the hub's /config (a `siweDomain` other than the host of `hubUrl` is refused) and compares it with
     * what is pinned for this hub. Same values: `{ status: 'trusted', info }`. First use or changed values:
     * checks them over the chain's RPC (chain id, code at each address, the contracts' `token()`; any failure
     * is refused with a ServiceError naming it) and returns `{ status: 'needs-confirmation', proposal }`;
     * nothing is pinned until `confirmTrust`. `rpcUrl` (the user's) wins over one the hub suggests.
     */
    connect: method(z.object({ ...HubArgs, rpcUrl: z.string().url().optional(), makeDefault: z.boolean().default(false) }).strict(), ConnectResultSchema),
    /** The user confirmed a proposal of `connect`: pins its values in `<dataDir>/hubs.json`. Unknown/expired: details { code: 'unknown-proposal' }. */
    confirmTrust: method(z.object({ ...HubArgs, proposalId: z.string().min(1).max(256) }).strict(), HubInfoSchema),
    /** Sign-In with Ethereum with the unlocked wallet (the EIP-4361 message is built and signed here). Locked wallet: details { code: 'locked' }. */
    signIn: method(z.object(HubArgs).strict(), HubInfoSchema),
    signOut: method(z.object(HubArgs).strict(), HubInfoSchema),
    /** The hub's open tasks. */
    listTasks: method(z.object(HubArgs).strict(), z.array(HubTaskSchema)),
    /** A task's instructions and example images (bytes hashed against the task's sha256s; a mismatch, a non-image or more than the caps is refused). */
    taskBrief: method(z.object({ ...HubArgs, taskId: IdArg }).strict(), TaskBriefSchema),
    /** Asks the hub for up to `count` items of a task to label (each item goes to k different annotators, never twice to one). */
    requestAssignment: method(
      z.object({ ...HubArgs, taskId: z.string().min(1).max(256), count: z.number().int().positive().max(10_000) }).strict(),
      z.object({ items: z.array(AssignedItemSchema) }),
    ),
    /**
     * Step 1 of signing: computes each item's label hash and the batch's merkle root, picks a nonce and a
     * deadline, and returns what will be signed for the user to confirm. Nothing is signed yet; the request
     * is held by the host (10 minutes) under `requestId`. Needs an unlocked wallet.
     */
    prepareBatch: method(
      z.object({ ...HubArgs, taskId: z.string().min(1).max(256), items: z.array(BatchItemSchema).min(1).max(10_000) }).strict(),
      z.object({ requestId: z.string(), summary: BatchSummarySchema }),
    ),
    /**
     * Step 2, only after the user confirmed the summary: signs the prepared batch (EIP-712 LabelBatch) and
     * returns it without uploading, so the renderer stores the signed batch in its outbox first and every
     * upload — the first and each retry — sends this very signature (`uploadSigned`).
     */
    signBatch: method(z.object({ requestId: z.string().min(1) }).strict(), SignedBatchSchema),
    /** Uploads a signed batch unchanged (first send and retries; idempotent on the hub). Signs in again first if the session expired. */
    uploadSigned: method(z.object({ signed: SignedBatchSchema }).strict(), UploadResultSchema),
    /** Reviewers: the hub's disputed items (GET /disputes), never ones this wallet annotated. */
    listDisputes: method(z.object({ ...HubArgs, taskId: IdArg.optional() }).strict(), z.array(DisputeSchema)),
    /**
     * Step 1 of a verdict: hashes the final labels, picks a nonce and a deadline and returns the EIP-712
     * Verdict to confirm. Held 10 minutes under `requestId`; nothing is signed. Needs an unlocked wallet.
     */
    prepareVerdict: method(
      z.object({ ...HubArgs, taskId: IdArg, itemId: IdArg, shapes: z.array(CanonicalShapeSchema).max(10_000), reasons: z.array(ObjectReasonSchema).max(20_000), video: CanonicalVideoLabelsSchema.optional() }).strict(),
      z.object({ requestId: z.string(), summary: VerdictSummarySchema }),
    ),
    /** Step 2, after the reviewer confirmed: signs the Verdict and returns it without uploading (the outbox stores it first). */
    signVerdict: method(z.object({ requestId: z.string().min(1) }).strict(), SignedVerdictSchema),
    /** POST /verdicts with a signed verdict, unchanged on every retry. */
    uploadVerdict: method(z.object({ signed: SignedVerdictSchema }).strict(), VerdictUploadResultSchema),
    /** GET /reputation/:account (default: the wallet's address). */
    getReputation: method(z.object({ ...HubArgs, account: AddressSchema.optional() }).strict(), ReputationSchema),
    /** GET /tiers: the hub's tier table. */
    getTiers: method(z.object(HubArgs).strict(), TiersSchema),
    /**
     * Local network only (`local: true` hubs): closes a reward epoch as the local chain's operator (anvil's
     * public key 0), so a newcomer can run the whole loop — label, sync, epoch, claim — on one machine.
     * Other hubs: details { code: 'not-local' }.
     */
    closeLocalEpoch: method(
      z.object(HubArgs).strict(),
      z.looseObject({ epoch: z.string(), root: z.string(), txHash: z.string().nullable() }),
    ),
  },
  {
    /** A hub was connected, signed in or out, or the default changed. */
    changed: HubInfoSchema,
  },
);
