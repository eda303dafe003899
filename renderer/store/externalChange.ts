import type { ShapeChange } from '../document/shapeChange';
import type { ItemDocument } from './itemDocument';
import type { ItemPrelabelSummary } from '../../core/prelabel/itemTally';

/** A change the store wrote to an item's rows itself, the bucket count those rows now use (when it changed) and what the pre-label counters now hold for the item (when they were restated). */
export interface ExternalChange {
  change: ShapeChange;
  bucketCount?: number;
  counted?: ItemPrelabelSummary;
}

/**
 * Runs a store-side write of item rows while the open documents of those
 * items hold their own writes, then hands the documents the result. Without
 * the pause a document could write a bucket from memory that predates the
 * store's write and undo it.
 */
export async function withDocumentsPaused(
  docs: readonly ItemDocument[],
  write: () => Promise<ReadonlyMap<string, ExternalChange>>,
): Promise<ReadonlyMap<string, ExternalChange>> {
  const releases = await Promise.all(docs.map(async (doc) => ({ doc, release: await doc.pauseWrites() })));
  let result: ReadonlyMap<string, ExternalChange> = new Map();
  try {
    result = await write();
    return result;
  } finally {
    for (const { doc, release } of releases) {
      const external = result.get(doc.item.id);
      if (external) doc.applyExternal(external);
      release();
    }
  }
}
