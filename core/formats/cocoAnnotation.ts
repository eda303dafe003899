import type { AttributeValue } from '../model/labelSchema';

/** One COCO annotation as the importer uses it. */
export interface CocoAnnotation {
  image_id: number;
  category_id: number;
  bbox: [number, number, number, number];
  attributes?: Record<string, AttributeValue>;
  score?: number;
  /** What the annotation holds beyond its box that the importer leaves out ('keypoints', 'segmentation'); absent when nothing. */
  notKept?: string[];
}

export type CocoAnnotationCheck = { ok: true; value: CocoAnnotation } | { ok: false; path: string; reason: string };

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isAttributeValue = (v: unknown): v is AttributeValue => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/**
 * Checks one element of a COCO `annotations` array by hand rather than with
 * zod: a file can hold millions of annotations, and a zod failure costs
 * 3–10 µs (it builds an issue and its message, even stopping at the first),
 * so a million bad boxes took 4–10 s just to be counted. This costs a few
 * type checks per element and no allocation but the result (~0.1 s). The path is relative to the element
 * (".bbox[1]"), the reason in the words zod uses elsewhere.
 */
export function checkCocoAnnotation(a: unknown): CocoAnnotationCheck {
  if (typeof a !== 'object' || a === null || Array.isArray(a)) return { ok: false, path: '', reason: `expected object, received ${typeName(a)}` };
  const r = a as Record<string, unknown>;
  for (const key of ['image_id', 'category_id'] as const) {
    if (!isInt(r[key])) return { ok: false, path: `.${key}`, reason: r[key] === undefined ? 'expected int, received undefined' : `expected int, received ${typeName(r[key])}` };
  }
  const bbox = r.bbox;
  if (!Array.isArray(bbox)) return { ok: false, path: '.bbox', reason: `expected array of 4 numbers [x, y, width, height], received ${typeName(bbox)}` };
  if (bbox.length !== 4) return { ok: false, path: '.bbox', reason: `expected 4 numbers [x, y, width, height], got ${bbox.length}` };
  for (let i = 0; i < 4; i++) {
    if (typeof bbox[i] !== 'number') return { ok: false, path: `.bbox[${i}]`, reason: `expected number, received ${typeName(bbox[i])}` };
  }
  if (r.score !== undefined && typeof r.score !== 'number') return { ok: false, path: '.score', reason: `expected number, received ${typeName(r.score)}` };
  const attributes = r.attributes;
  if (attributes !== undefined) {
    if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) return { ok: false, path: '.attributes', reason: `expected object, received ${typeName(attributes)}` };
    for (const [name, value] of Object.entries(attributes)) {
      if (!isAttributeValue(value)) return { ok: false, path: `.attributes.${name}`, reason: `expected text, number or boolean, received ${typeName(value)}` };
    }
  }
  const notKept = [...(hasKeypoints(r) ? ['keypoints'] : []), ...(hasSegmentation(r.segmentation, bbox as number[]) ? ['segmentation'] : [])];
  return {
    ok: true,
    value: {
      image_id: r.image_id as number,
      category_id: r.category_id as number,
      bbox: bbox as [number, number, number, number],
      ...(attributes !== undefined ? { attributes: attributes as Record<string, AttributeValue> } : {}),
      ...(r.score !== undefined ? { score: r.score as number } : {}),
      ...(notKept.length > 0 ? { notKept } : {}),
    },
  };
}

/** Keypoints that say something: a non-empty list with num_keypoints > 0 (or, without num_keypoints, some point visible). */
function hasKeypoints(r: Record<string, unknown>): boolean {
  const k = r.keypoints;
  if (!Array.isArray(k) || k.length === 0) return false;
  if (typeof r.num_keypoints === 'number') return r.num_keypoints > 0;
  for (let i = 2; i < k.length; i += 3) if (typeof k[i] === 'number' && (k[i] as number) > 0) return true;
  return false;
}

/**
 * A segmentation that is more than the box: an RLE mask, or polygons other
 * than the box's own rectangle. CVAT's COCO export writes `segmentation: []`
 * for a box, and some tools write the box's four corners: neither loses anything.
 */
function hasSegmentation(segmentation: unknown, bbox: number[]): boolean {
  if (segmentation === undefined || segmentation === null) return false;
  if (!Array.isArray(segmentation)) return typeof segmentation === 'object'; // RLE {counts, size}
  const polygons = segmentation.filter((p) => Array.isArray(p) && p.length > 0) as unknown[][];
  if (polygons.length === 0) return false;
  return !(polygons.length === 1 && isBoxRectangle(polygons[0]!, bbox));
}

function isBoxRectangle(polygon: unknown[], [x, y, w, h]: number[]): boolean {
  if (polygon.length !== 8) return false;
  const xs = new Set([x, x! + w!]);
  const ys = new Set([y, y! + h!]);
  const corners = new Set<string>();
  for (let i = 0; i < 8; i += 2) {
    const px = polygon[i];
    const py = polygon[i + 1];
    if (typeof px !== 'number' || typeof py !== 'number' || !xs.has(px) || !ys.has(py)) return false;
    corners.add(`${px},${py}`);
  }
  return corners.size === 4;
}
