import { SYNC_LIMITS } from '../../../core/sync/wireSchemas';
import type { BatchItem, HubConfig } from '../../common/services/hubService';

/** What a hub takes in one signed upload; `/config` announces it (hub/http/buildApp.ts). */
export interface HubLimits {
  maxItemsPerBatch: number;
  maxShapesPerItem: number;
  /** Bytes of the POST /batches body. */
  batchBodyLimit: number;
}

/** Without an announcement: the limits every hub enforces at least (core's wire schemas); the body size is not known then. */
const FALLBACK: HubLimits = { maxItemsPerBatch: SYNC_LIMITS.maxItemsPerBatch, maxShapesPerItem: SYNC_LIMITS.maxShapesPerItem, batchBodyLimit: Number.POSITIVE_INFINITY };

/** The announced limits, each bounded by core's (a hub cannot raise what core's schemas refuse anyway). */
export function limitsOf(config: Pick<HubConfig, 'limits'> | null | undefined): HubLimits {
  const announced = config?.limits ?? {};
  return {
    maxItemsPerBatch: Math.min(announced.maxItemsPerBatch ?? FALLBACK.maxItemsPerBatch, FALLBACK.maxItemsPerBatch),
    maxShapesPerItem: Math.min(announced.maxShapesPerItem ?? FALLBACK.maxShapesPerItem, FALLBACK.maxShapesPerItem),
    batchBodyLimit: announced.batchBodyLimit ?? FALLBACK.batchBodyLimit,
  };
}

/**
 * Why the hub would refuse this upload for its size, naming the item and the
 * limit; null when it fits. Checked BEFORE anything is signed: a batch the
 * hub cannot take would otherwise be signed and then refused on every retry.
 * `bodyBytes` is the size of the upload body the batch becomes.
 */
export function overLimit(items: readonly BatchItem[], bodyBytes: number, limits: HubLimits): string | null {
  if (items.length > limits.maxItemsPerBatch) return `the batch has ${items.length} items; this hub takes at most ${limits.maxItemsPerBatch} per upload`;
  for (const item of items) {
    if (item.shapes.length > limits.maxShapesPerItem) return `item ${item.itemId} has ${item.shapes.length} boxes; this hub takes at most ${limits.maxShapesPerItem} per item`;
  }
  if (bodyBytes > limits.batchBodyLimit) return `the upload would be ${bodyBytes} bytes; this hub takes at most ${limits.batchBodyLimit}`;
  return null;
}
