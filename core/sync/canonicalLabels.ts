import type { AttributeValue } from '../model/labelSchema';
import type { Box } from '../model/shape';
import { round2 } from '../formats/shared/numbers';
import { keccakHex, type Hex } from './hex';

/**
 * One labeled object as it leaves the workstation: class and attributes by
 * NAME (ids are local to a project, names are what annotators of one task
 * share), box in image pixels.
 */
export interface CanonicalShape {
  className: string;
  box: Box;
  attributes?: Record<string, AttributeValue>;
}

/** Bumped if the canonical form ever changes, so old and new hashes can never collide. */
export const CANONICAL_LABELS_VERSION = 1;

function checkFinite(value: number, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where} must be a finite number, got ${String(value)}`);
  return value;
}

/**
 * The shape reduced to what the hash covers: box to 1/100 px (as every
 * export), attribute keys sorted, an empty attribute map dropped (so `{}`
 * and "no attributes" hash the same).
 */
export function normalizeShape(shape: CanonicalShape, where = 'shape'): CanonicalShape {
  if (typeof shape.className !== 'string' || shape.className.length === 0) throw new Error(`${where}: className must be a non-empty string`);
  const box: Box = {
    x: round2(checkFinite(shape.box?.x, `${where}.box.x`)),
    y: round2(checkFinite(shape.box?.y, `${where}.box.y`)),
    w: round2(checkFinite(shape.box?.w, `${where}.box.w`)),
    h: round2(checkFinite(shape.box?.h, `${where}.box.h`)),
  };
  if (box.w < 0 || box.h < 0) throw new Error(`${where}: box width and height must not be negative`);
  const out: CanonicalShape = { className: shape.className, box };
  const keys = Object.keys(shape.attributes ?? {}).sort(compareText);
  if (keys.length > 0) {
    const attributes: Record<string, AttributeValue> = {};
    for (const key of keys) {
      const value = shape.attributes![key]!;
      if (typeof value === 'number') checkFinite(value, `${where}.attributes.${key}`);
      else if (typeof value !== 'string' && typeof value !== 'boolean') throw new Error(`${where}.attributes.${key} must be a string, number or boolean`);
      attributes[key] = value;
    }
    out.attributes = attributes;
  }
  return out;
}

/** Code-unit order: unlike localeCompare it is the same in every runtime and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Written key by key in sorted order: JSON.stringify would put integer-like
 * keys ("2", "10") first whatever order they were inserted in.
 */
function attributesText(shape: CanonicalShape): string {
  if (!shape.attributes) return '';
  const entries = Object.keys(shape.attributes)
    .sort(compareText)
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(shape.attributes![key])}`);
  return `{${entries.join(',')}}`;
}

/** Order of shapes in the canonical form: class name, then x, y, w, h, then attributes. Expects normalized shapes. */
export function compareCanonicalShapes(a: CanonicalShape, b: CanonicalShape): number {
  return (
    compareText(a.className, b.className) ||
    a.box.x - b.box.x ||
    a.box.y - b.box.y ||
    a.box.w - b.box.w ||
    a.box.h - b.box.h ||
    compareText(attributesText(a), attributesText(b))
  );
}

/** Normalized and sorted copies; the input is not changed. */
export function sortCanonicalShapes(shapes: readonly CanonicalShape[]): CanonicalShape[] {
  return shapes.map((s, i) => normalizeShape(s, `shapes[${i}]`)).sort(compareCanonicalShapes);
}

/**
 * The one string an item's labels are hashed from. The same labels give the
 * same string whatever order they were drawn in, on any machine:
 * `{"v":1,"item":"<id>","shapes":[{"class":"car","box":[x,y,w,h],"attributes":{…}}]}`.
 * Numbers print as JavaScript's shortest round-trip form (after rounding,
 * 12.3 stays 12.3, 5 prints as 5), which ECMAScript fixes exactly.
 */
export function canonicalItemLabels(itemId: string, shapes: readonly CanonicalShape[]): string {
  if (typeof itemId !== 'string' || itemId.length === 0) throw new Error('itemId must be a non-empty string');
  const parts = sortCanonicalShapes(shapes).map((s) => {
    const box = `[${s.box.x},${s.box.y},${s.box.w},${s.box.h}]`;
    const attributes = s.attributes ? `,"attributes":${attributesText(s)}` : '';
    return `{"class":${JSON.stringify(s.className)},"box":${box}${attributes}}`;
  });
  return `{"v":${CANONICAL_LABELS_VERSION},"item":${JSON.stringify(itemId)},"shapes":[${parts.join(',')}]}`;
}

/** keccak256 of the canonical form's UTF-8 bytes: a merkle leaf of a batch and the `labelsHash` of a verdict. */
export function itemLabelHash(itemId: string, shapes: readonly CanonicalShape[]): Hex {
  return keccakHex(canonicalItemLabels(itemId, shapes));
}
