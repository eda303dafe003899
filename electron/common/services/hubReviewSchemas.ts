import { z } from 'zod';
import { AddressSchema, CanonicalShapeSchema, DeadlineSchema, Hex32Schema, SignatureSchema, Uint256StringSchema, VerdictSchema } from '../../../core/sync/wireSchemas';

/**
 * Wire forms of the reviewer and reputation half of the hub API (issue 6):
 * disputes, signed verdicts, reputation and tiers. Kept apart from
 * hubService.ts so that file stays one screenful per concern; hubService
 * imports these, never the other way round.
 */

/** Why a reviewer kept, changed or dropped an object. 'ok': the object stands as taken. */
export const VerdictReasonSchema = z.enum(['ok', 'wrong_class', 'loose_box', 'missed_object', 'extra_object']);
export type VerdictReason = z.infer<typeof VerdictReasonSchema>;

export const DisputeSubmissionSchema = z.looseObject({ annotator: z.string().min(1), shapes: z.array(CanonicalShapeSchema) });
export type DisputeSubmission = z.infer<typeof DisputeSubmissionSchema>;

/** core/consensus's cluster as the hub sends it: members point into the submissions by annotator and shape index. */
export const DisputeClusterSchema = z.looseObject({
  members: z.array(z.looseObject({ annotator: z.string(), shapeIndex: z.number().int().nonnegative(), shape: CanonicalShapeSchema })),
  accepted: z.boolean(),
  label: CanonicalShapeSchema.nullable(),
});
export type DisputeCluster = z.infer<typeof DisputeClusterSchema>;

/** One disputed item (GET /disputes): every submission and the consensus proposal. */
export const DisputeSchema = z.looseObject({
  itemId: z.string().min(1),
  taskId: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string().min(1),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  submissions: z.array(DisputeSubmissionSchema),
  proposal: z.looseObject({ labels: z.array(CanonicalShapeSchema), clusters: z.array(DisputeClusterSchema) }),
  /** The task's label schema when the hub sends it along (class names and attributes for fixes). */
  labelSchema: z.unknown().optional(),
});
export type Dispute = z.infer<typeof DisputeSchema>;

/** A reason for object `index` of the review: the proposal's clusters in order, then objects the reviewer added. */
export const ObjectReasonSchema = z.object({ index: z.number().int().nonnegative(), reason: VerdictReasonSchema });
export type ObjectReason = z.infer<typeof ObjectReasonSchema>;

/** The EIP-712 Verdict value exactly as signed (core/sync's Verdict, validated by core's wire schema). */
export const VerdictValueSchema = VerdictSchema;
export type VerdictValue = z.infer<typeof VerdictValueSchema>;

/** What the reviewer confirms before the verdict is signed. */
export const VerdictSummarySchema = z.object({
  taskId: z.string(),
  itemId: z.string(),
  task: Hex32Schema,
  item: Hex32Schema,
  labelsHash: Hex32Schema,
  shapeCount: z.number().int().nonnegative(),
  hub: z.string(),
  reviewer: AddressSchema,
  nonce: Uint256StringSchema,
  deadline: DeadlineSchema,
  chainId: z.number().int().positive(),
  verifyingContract: AddressSchema,
});
export type VerdictSummary = z.infer<typeof VerdictSummarySchema>;

/** A signed verdict: stored in the outbox and re-sent unchanged on every retry. */
export const SignedVerdictSchema = z.object({
  hubUrl: z.string(),
  taskId: z.string(),
  itemId: z.string(),
  verdict: VerdictValueSchema,
  signature: SignatureSchema,
  shapes: z.array(CanonicalShapeSchema),
  reasons: z.array(ObjectReasonSchema),
});
export type SignedVerdict = z.infer<typeof SignedVerdictSchema>;

export const VerdictReceiptSchema = z.looseObject({ duplicate: z.boolean().optional() });

const BetaSchema = z.looseObject({ alpha: z.number(), beta: z.number(), mean: z.number() });
const BetaWithLowerSchema = BetaSchema.extend({ lower: z.number() });

/** GET /reputation/:account. Tier fields stay loose: the tier table is the hub's to configure. */
export const ReputationSchema = z.looseObject({
  overall: BetaWithLowerSchema,
  perClass: z.record(z.string(), BetaWithLowerSchema),
  history: z.array(z.looseObject({ at: z.union([z.string(), z.number()]), kind: z.string(), itemId: z.string().optional(), delta: z.number().optional(), mean: z.number() })),
  scoredItems: z.number().int().nonnegative(),
  tier: z.unknown(),
  nextTier: z.unknown(),
  stake: z.unknown().optional(),
  multiplier: z.number(),
  reviewer: BetaSchema.nullable().optional(),
});
export type Reputation = z.infer<typeof ReputationSchema>;

/** GET /tiers: the hub's tier table (core/reputation's shape, passed through). */
export const TiersSchema = z.unknown();
