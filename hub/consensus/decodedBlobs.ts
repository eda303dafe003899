import type { StoredItemLabels } from '../batches/labelsBlob';

/**
 * Batches' labels already decoded, for a caller that loads submissions in
 * several rounds from the same batches: scoring takes items in id order, 250
 * at a time on PGlite, and a 1,000-item batch's items are spread over every
 * round, so without this each round decoded every such batch again (40 times
 * each over 10,000 items in bench:sync). A batch's labels never change once
 * stored, so a decoded one stays right. Bounded by the canonical text the
 * held batches decoded from (32 MB by default): what decoded labels take
 * grows with that text, attributes and video tracks included, so no kind of
 * batch can make it large. The oldest batch goes first (a pass whose batches
 * exceed the bound decodes them again, as before). Scope one to one pass:
 * its objects are handed out as they are, so each item's should reach one
 * reader.
 */
export class DecodedBlobs {
  private readonly byBatch = new Map<bigint, { labels: Map<string, StoredItemLabels>; bytes: number }>();
  private bytes = 0;

  constructor(private readonly maxTextBytes = 32 * 1024 * 1024) {}

  get(batchId: bigint): Map<string, StoredItemLabels> | undefined {
    return this.byBatch.get(batchId)?.labels;
  }

  /** `textBytes`: the size of the canonical text `labels` were decoded from (labelsBlob.ts `decodeLabelsBlobSized`). */
  set(batchId: bigint, labels: Map<string, StoredItemLabels>, textBytes: number): void {
    if (this.byBatch.has(batchId)) return;
    this.byBatch.set(batchId, { labels, bytes: textBytes });
    this.bytes += textBytes;
    for (const [oldest, held] of this.byBatch) {
      if (this.bytes <= this.maxTextBytes || oldest === batchId) break;
      this.byBatch.delete(oldest);
      this.bytes -= held.bytes;
    }
  }
}
