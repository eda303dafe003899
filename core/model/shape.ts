import { z } from 'zod';
import { AttributeValueSchema } from './labelSchema';

/** Axis-aligned box in image pixels; x,y is the top-left corner. */
export const BoxSchema = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  w: z.number().finite().nonnegative(),
  h: z.number().finite().nonnegative(),
});
export type Box = z.infer<typeof BoxSchema>;

export const ShapeSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('human') }),
  z.object({ kind: z.literal('model'), modelId: z.string().min(1), score: z.number().min(0).max(1) }),
]);
export type ShapeSource = z.infer<typeof ShapeSourceSchema>;

/**
 * Where a model pre-label stands in review. A shape made from a prediction
 * keeps the prediction (box, class, score) so statistics and the corrections
 * export can compare it with the final label. Rejected pre-labels are deleted
 * shapes: a prediction no shape refers to any more (see core/prelabel).
 */
export const PrelabelReviewSchema = z.enum(['pending', 'accepted', 'corrected']);
export type PrelabelReview = z.infer<typeof PrelabelReviewSchema>;

export const PrelabelSchema = z.object({
  runId: z.string().min(1),
  predictionId: z.string().min(1),
  modelId: z.string().min(1),
  score: z.number().min(0).max(1),
  predictedBox: BoxSchema,
  predictedClassId: z.string().min(1),
  review: PrelabelReviewSchema,
  /**
   * Set when the auto-accept policy decided (core/prelabel/autoAccept):
   * `auto` — scored above its model × class threshold and was accepted
   * without a human (review `accepted`); `audit` — scored above it too but
   * was drawn for the random audit sample and waits for a human like any
   * pending pre-label. `auditRate` is the chance it had of being drawn.
   * Absent: an ordinary pre-label every human decision applies to.
   */
  decision: z.enum(['auto', 'audit']).optional(),
  auditRate: z.number().gt(0).max(1).optional(),
});
export type Prelabel = z.infer<typeof PrelabelSchema>;

export const ShapeSchema = z.object({
  id: z.string().min(1),
  projectId: z.string().min(1),
  itemId: z.string().min(1),
  kind: z.literal('box'),
  classId: z.string().min(1),
  box: BoxSchema,
  attributes: z.record(z.string(), AttributeValueSchema).default({}),
  source: ShapeSourceSchema,
  /** Who made the last change: a local user name or a wallet address later. */
  author: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** Incremented on every committed change; lets sync and merges detect stale writes. */
  version: z.number().int().nonnegative(),
  /** Present on shapes that started as a model prediction. */
  prelabel: PrelabelSchema.optional(),
  /** Video items: the frame this box is on. Boxes that belong to a track are tracks' keyframes instead (see track.ts). */
  frame: z.number().int().nonnegative().optional(),
});
export type Shape = z.infer<typeof ShapeSchema>;
