import { z } from 'zod';
import { DisputeClusterSchema, DisputeSchema, DisputeSubmissionSchema, type Dispute, type DisputeCluster, type DisputeSubmission } from '../../../core/hubApi/disputes';
import { ReputationSchema, TiersSchema, type Reputation, type Tiers } from '../../../core/hubApi/reputation';
import { VerdictReasonSchema, VerdictReceiptSchema as HubVerdictReceiptSchema, type VerdictReason } from '../../../core/hubApi/verdicts';
import { AddressSchema, CanonicalShapeSchema, CanonicalVideoLabelsSchema, DeadlineSchema, Hex32Schema, SignatureSchema, Uint256StringSchema, VerdictSchema } from '../../../core/sync/wireSchemas';

/**
 * Wire forms of the reviewer and reputation half of the hub API (issue 6):
 * disputes, signed verdicts, reputation and tiers. Kept apart from
 * hubService.ts so that file stays one screenful per concern; hubService
 * imports these, never the other way round.
 */

/** Disputes and verdict reasons as the hub's routes define them (core/hubApi/disputes.ts, verdicts.ts). */
export {
  DisputeClusterSchema,
  DisputeSchema,
  DisputeSubmissionSchema,
  VerdictReasonSchema,
  type Dispute,
  type DisputeCluster,
  type DisputeSubmission,
  type VerdictReason,
};

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
  /** A video verdict: what its labels hold, shown before signing. */
  video: z.object({ frameCount: z.number().int().positive(), tracks: z.number().int().nonnegative(), keyframes: z.number().int().nonnegative(), frameTags: z.number().int().nonnegative(), segments: z.number().int().nonnegative() }).optional(),
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
  /** A video item's final tracks, frame tags and segments (the labels hash is then the version-2 one). */
  video: CanonicalVideoLabelsSchema.optional(),
});
export type SignedVerdict = z.infer<typeof SignedVerdictSchema>;

/** POST /verdicts' receipt (core/hubApi/verdicts.ts), every field optional: the outbox keeps what it got. */
export const VerdictReceiptSchema = HubVerdictReceiptSchema.partial();

/** GET /reputation/:account and GET /tiers (core/hubApi/reputation.ts). */
export { ReputationSchema, TiersSchema, type Reputation, type Tiers };
