import { z } from 'zod';
import { SignedBatchUploadSchema } from '../sync/wireSchemas';
import { defineRoute } from './route';

/** The hub's receipt of a signed batch (its EIP-712 digest is the batch's id); a re-sent batch answers the same receipt with `duplicate: true`. */
export const BatchReceiptSchema = z.looseObject({
  batchId: z.string(),
  root: z.string(),
  duplicate: z.boolean(),
  acceptedAt: z.union([z.string(), z.number()]),
});
export type BatchReceipt = z.infer<typeof BatchReceiptSchema>;

/**
 * A signed LabelBatch with its items' canonical labels. The hub reads the
 * body as raw text and verifies it off the main thread (the schema, then
 * root, digest and signer), answering its own codes (413 `batch_too_large`,
 * `item_count_mismatch`, …).
 */
export const uploadBatchRoute = defineRoute({ method: 'POST', path: '/batches', access: 'annotator', body: SignedBatchUploadSchema, response: BatchReceiptSchema });
