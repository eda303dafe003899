import { z } from 'zod';
import { AddressSchema, CanonicalShapeSchema, CanonicalVideoLabelsSchema, Hex32Schema, SignatureSchema } from '../sync/wireSchemas';
import { IdParamSchema, IsoTimeSchema, ItemStatusSchema } from './fields';
import { defineRoute } from './route';

const ItemParams = z.object({ itemId: IdParamSchema });

/**
 * GET /items/:itemId. Two views (hub/access/annotatorItemView.ts): operators,
 * the task's requester and reviewers get `submissions` and the full
 * `consensus` document; an annotator of the item gets `yourSubmission` and
 * the consensus labels of a final item only.
 */
export const ItemSchema = z.object({
  itemId: z.string(),
  taskId: z.string(),
  sha256: z.string(),
  status: ItemStatusSchema,
  redundancy: z.number().int().positive(),
  consensus: z.unknown(),
  finalizedAt: IsoTimeSchema.nullable(),
  rewardedEpoch: z.string().nullable(),
  submissions: z.number().int().nonnegative().optional(),
  yourSubmission: z.object({ submitted: z.boolean(), agreesWithFinal: z.boolean().nullable() }).optional(),
});

/** GET /items/:itemId/lineage: each signed submission, and whether the stored labels still hash to what was signed. */
export const ItemLineageSchema = z.object({
  itemId: z.string(),
  taskId: z.string(),
  status: ItemStatusSchema,
  consensus: z.unknown(),
  submissions: z.array(
    z.object({
      annotator: AddressSchema,
      batchId: Hex32Schema,
      signature: SignatureSchema,
      root: Hex32Schema,
      nonce: z.string(),
      deadline: z.number().int(),
      itemCount: z.number().int().positive(),
      labelHash: Hex32Schema,
      labelsMatchHash: z.boolean(),
      shapes: z.array(CanonicalShapeSchema),
      video: CanonicalVideoLabelsSchema.optional(),
      receivedAt: IsoTimeSchema,
    }),
  ),
});

export const getItemRoute = defineRoute({ method: 'GET', path: '/items/:itemId', access: 'item.read', params: ItemParams, response: ItemSchema });

export const itemLineageRoute = defineRoute({ method: 'GET', path: '/items/:itemId/lineage', access: 'item.lineage', params: ItemParams, response: ItemLineageSchema });
