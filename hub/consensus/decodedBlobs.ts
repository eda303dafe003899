import type { StoredItemLabels } from '../batches/labelsBlob';

/** What one item's decoded labels hold, roughly in proportion to their memory: the item, its shapes, and a video's keyframes, tags and segments. */
function labelUnits(labels: StoredItemLabels): number {
  const video = labels.video;
  const videoUnits = video ? video.tracks.reduce((n, t) => n + 1 + t.keyframes.length, 0) + video.frameTags.length + video.segments.length : 0;
  return 1 + labels.shapes.length + videoUnits;
}

/**
 * Batches' labels already decoded, for a caller that loads submissions in
 * several rounds from the same batches: scoring takes items in id order, 250
 * at a time on PGlite, and a 1,000-item batch's items are spread over every
 * round, so without this each round decoded every such batch again (40 times
 * each over 10,000 items in bench:sync). A batch's labels never change once
 * stored, so a decoded one stays right. Bounded by what it holds, counted in
 * label units (an item, a shape, a keyframe, a tag or segment: a video item
 * at the limits is ~50,000 of them), so video batches cannot make it large;
 * the oldest batch goes first (a pass whose batches exceed the bound decodes
 * them again, as before). Scope one to one pass (its objects are handed out
 * as they are, so each item's should reach one reader).
 */
export class DecodedBlobs {
  private readonly byBatch = new Map<bigint, { labels: Map<string, StoredItemLabels>; units: number }>();
  private units = 0;

  constructor(private readonly maxUnits = 500_000) {}

  get(batchId: bigint): Map<string, StoredItemLabels> | undefined {
    return this.byBatch.get(batchId)?.labels;
  }

  set(batchId: bigint, labels: Map<string, StoredItemLabels>): void {
    if (this.byBatch.has(batchId)) return;
    let units = 0;
    for (const item of labels.values()) units += labelUnits(item);
    this.byBatch.set(batchId, { labels, units });
    this.units += units;
    for (const [oldest, held] of this.byBatch) {
      if (this.units <= this.maxUnits || oldest === batchId) break;
      this.byBatch.delete(oldest);
      this.units -= held.units;
    }
  }
}
