import { gunzipSync, gzipSync } from 'node:zlib';
import type { AttributeValue } from '../../core/model/labelSchema';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';

/**
 * A batch's labels as stored: gzip of a JSON array of the items' canonical
 * label texts (core's `canonicalItemLabels`), exactly the strings that were
 * hashed, so lineage can re-check every hash from the stored row
 * (canonicalising the decoded shapes gives the same text back).
 */
export function encodeLabelsBlob(canonicalTexts: readonly string[]): Buffer {
  return gzipSync(`[${canonicalTexts.join(',')}]`, { level: 1 });
}

interface CanonicalJson {
  v: number;
  item: string;
  shapes: { class: string; box: [number, number, number, number]; attributes?: Record<string, AttributeValue> }[];
}

export interface StoredItemLabels {
  itemId: string;
  shapes: CanonicalShape[];
}

export function decodeLabelsBlob(blob: Buffer): Map<string, StoredItemLabels> {
  const parsed = JSON.parse(gunzipSync(blob).toString('utf8')) as CanonicalJson[];
  const out = new Map<string, StoredItemLabels>();
  for (const item of parsed) {
    const shapes = item.shapes.map((s) => {
      const shape: CanonicalShape = { className: s.class, box: { x: s.box[0], y: s.box[1], w: s.box[2], h: s.box[3] } };
      if (s.attributes) shape.attributes = s.attributes;
      return shape;
    });
    out.set(item.item, { itemId: item.item, shapes });
  }
  return out;
}
