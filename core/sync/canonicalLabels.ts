import type { AttributeValue } from '../model/labelSchema';
import type { Box } from '../model/shape';
import { round2 } from '../formats/shared/numbers';
import { keccakHex, type Hex } from './hex';
import { CANONICAL_VIDEO_VERSION, normalizeVideoLabels, videoLabelsJson, type CanonicalVideoLabels } from './canonicalVideo';

/**
 * One labeled object as it leaves the workstation: class and attributes by
 * NAME (ids are local to a project, names are what annotators of one task
 * share), box in image pixels.
 */
export interface CanonicalShape {
  className: string;
  box: Box;
  attributes?: Record<string, AttributeValue>;
  /** Video items only: the frame a single-frame box is on (boxes that follow an object are tracks, canonicalVideo.ts). */
  frame?: number;
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
  if (shape.frame !== undefined) {
    if (typeof shape.frame !== 'number' || !Number.isInteger(shape.frame) || shape.frame < 0) throw new Error(`${where}.frame must be a whole frame number ≥ 0, got ${String(shape.frame)}`);
    out.frame = shape.frame;
  }
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
    compareText(attributesText(a), attributesText(b)) ||
    (a.frame ?? -1) - (b.frame ?? -1)
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
 *
 * A video item passes `video`: version 2,
 * `{"v":2,"item":"<id>","frames":N,"shapes":[…,"frame":f],"tracks":[…],"frameTags":[…],"segments":[…]}`
 * (canonicalVideo.ts). Version 1 strings are unchanged, so image hashes
 * signed before video existed still verify; a shape with a frame is refused
 * without `video`, and a frame past the video's end with it.
 */
export function canonicalItemLabels(itemId: string, shapes: readonly CanonicalShape[], video?: CanonicalVideoLabels): string {
  if (typeof itemId !== 'string' || itemId.length === 0) throw new Error('itemId must be a non-empty string');
  const sorted = sortCanonicalShapes(shapes);
  const normalizedVideo = video === undefined ? undefined : normalizeVideoLabels(video);
  // Checked in the submitted order, so the message names the shape the caller sent (sorted[i] is another one).
  shapes.forEach((s, i) => {
    if (s.frame === undefined) return;
    if (!normalizedVideo) throw new Error(`shapes[${i}] has a frame, but the item carries no video labels`);
    if (s.frame >= normalizedVideo.frameCount) throw new Error(`shapes[${i}].frame is ${s.frame}, but the video has ${normalizedVideo.frameCount} frames`);
  });
  const parts = sorted.map((s) => {
    const box = `[${s.box.x},${s.box.y},${s.box.w},${s.box.h}]`;
    const attributes = s.attributes ? `,"attributes":${attributesText(s)}` : '';
    const frame = s.frame !== undefined ? `,"frame":${s.frame}` : '';
    return `{"class":${JSON.stringify(s.className)},"box":${box}${attributes}${frame}}`;
  });
  if (!normalizedVideo) return `{"v":${CANONICAL_LABELS_VERSION},"item":${JSON.stringify(itemId)},"shapes":[${parts.join(',')}]}`;
  const { frames, rest } = videoLabelsJson(normalizedVideo);
  return `{"v":${CANONICAL_VIDEO_VERSION},"item":${JSON.stringify(itemId)},${frames},"shapes":[${parts.join(',')}],${rest}}`;
}

/** keccak256 of the canonical form's UTF-8 bytes: a merkle leaf of a batch and the `labelsHash` of a verdict. */
export function itemLabelHash(itemId: string, shapes: readonly CanonicalShape[], video?: CanonicalVideoLabels): Hex {
  return keccakHex(canonicalItemLabels(itemId, shapes, video));
}
