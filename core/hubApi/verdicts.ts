import { z } from 'zod';
import { SignedVerdictUploadSchema } from '../sync/wireSchemas';
import { defineRoute } from './route';

/** Why a reviewer kept, changed or dropped an object. 'ok': the object stands as taken. */
export const VERDICT_REASONS = ['ok', 'wrong_class', 'loose_box', 'missed_object', 'extra_object'] as const;
export const VerdictReasonSchema = z.enum(VERDICT_REASONS);
export type VerdictReason = z.infer<typeof VerdictReasonSchema>;

/** The agreed body: core's signed verdict upload plus a reason per object (proposal clusters in order, then added objects). */
export const VerdictBodySchema = SignedVerdictUploadSchema.extend({
  reasons: z
    .array(z.object({ index: z.number().int().min(0).max(100_000), reason: VerdictReasonSchema }))
    .max(10_000)
    .default([]),
});
export type VerdictReasonEntry = z.infer<typeof VerdictBodySchema>['reasons'][number];

/** A re-sent verdict answers the same receipt with `duplicate: true`. */
export const VerdictReceiptSchema = z.looseObject({
  verdictId: z.string(),
  itemId: z.string(),
  status: z.literal('resolved'),
  duplicate: z.boolean(),
  acceptedAt: z.string(),
  /** Annotators whose shapes agree with the verdict's labels: they earn the item's reward. */
  agreeingAnnotators: z.array(z.string()),
});
export type VerdictReceipt = z.infer<typeof VerdictReceiptSchema>;

/**
 * A reviewer's signed verdict. `signedIn` at the door: reviewer rights are
 * checked after the signature, so a foreign upload is named
 * `signer_not_session` first. The hub verifies the body itself
 * (`verdicts/verifyVerdictBody.ts`: schema, labels hash, digest, signer).
 */
export const uploadVerdictRoute = defineRoute({ method: 'POST', path: '/verdicts', access: 'signedIn', body: VerdictBodySchema, response: VerdictReceiptSchema });
