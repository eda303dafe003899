import type { StoredItemLabels } from '../batches/labelsBlob';

/**
 * Batches' labels already decoded, for a caller that loads submissions in
 * several rounds from the same batches: scoring takes items in id order, 250
 * at a time on PGlite, and a 1,000-item batch's items are spread over every
 * round, so without this each round decoded every such batch again (40 times
 * each over 10,000 items in bench:sync). A batch's labels never change once
 * stored, so a decoded one stays right. Bounded by the items it holds; the
 * oldest batch goes first. Scope one to one pass (its objects are handed out
 * as they are, so each item's should reach one reader).
 */
export class DecodedBlobs {
  private readonly byBatch = new Map<bigint, Map<string, StoredItemLabels>>();
  private items = 0;

  constructor(private readonly maxItems = 100_000) {}

  get(batchId: bigint): Map<string, StoredItemLabels> | undefined {
    return this.byBatch.get(batchId);
  }

  set(batchId: bigint, labels: Map<string, StoredItemLabels>): void {
    if (this.byBatch.has(batchId)) return;
    this.byBatch.set(batchId, labels);
    this.items += labels.size;
    for (const [oldest, held] of this.byBatch) {
      if (this.items <= this.maxItems || oldest === batchId) break;
      this.byBatch.delete(oldest);
      this.items -= held.size;
    }
  }
}
