import { gunzipSync, gzipSync } from 'node:zlib';
import type { AttributeValue } from '../../core/model/labelSchema';
import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import type { CanonicalKeyframe, CanonicalTrack, CanonicalVideoLabels } from '../../core/sync/canonicalVideo';

/**
 * A batch's labels as stored: gzip of a JSON array of the items' canonical
 * label texts (core's `canonicalItemLabels`), exactly the strings that were
 * hashed, so lineage can re-check every hash from the stored row
 * (canonicalising the decoded shapes gives the same text back).
 */
export function encodeLabelsBlob(canonicalTexts: readonly string[]): Buffer {
  return gzipSync(`[${canonicalTexts.join(',')}]`, { level: 1 });
}

type BoxJson = [number, number, number, number];
interface CanonicalJson {
  v: number;
  item: string;
  shapes: { class: string; box: BoxJson; attributes?: Record<string, AttributeValue>; frame?: number }[];
  /** Version 2 (video items) only, as core/sync/canonicalVideo.ts writes them. */
  frames?: number;
  tracks?: { class: string; attributes?: Record<string, AttributeValue>; keyframes: { frame: number; box: BoxJson; outside?: true; attributes?: Record<string, AttributeValue> }[] }[];
  frameTags?: { class: string; start: number; end: number }[];
  segments?: { start: number; end: number; tags?: string[] }[];
}

export interface StoredItemLabels {
  itemId: string;
  shapes: CanonicalShape[];
  /** A video item's tracks, frame tags and segments (canonical form version 2). */
  video?: CanonicalVideoLabels;
}

const boxOf = (b: BoxJson) => ({ x: b[0], y: b[1], w: b[2], h: b[3] });

/** The version-2 part back as core's types: canonicalising it again gives the stored text. */
function videoOf(item: CanonicalJson): CanonicalVideoLabels | undefined {
  if (item.v < 2) return undefined;
  const tracks = (item.tracks ?? []).map((t): CanonicalTrack => {
    const keyframes = t.keyframes.map((k): CanonicalKeyframe => {
      const out: CanonicalKeyframe = { frame: k.frame, box: boxOf(k.box) };
      if (k.outside) out.outside = true;
      if (k.attributes) out.attributes = k.attributes;
      return out;
    });
    return t.attributes ? { className: t.class, attributes: t.attributes, keyframes } : { className: t.class, keyframes };
  });
  return {
    frameCount: item.frames!,
    tracks,
    frameTags: (item.frameTags ?? []).map((t) => ({ className: t.class, startFrame: t.start, endFrame: t.end })),
    segments: (item.segments ?? []).map((s) => (s.tags ? { startFrame: s.start, endFrame: s.end, tags: s.tags } : { startFrame: s.start, endFrame: s.end })),
  };
}

export function decodeLabelsBlob(blob: Buffer): Map<string, StoredItemLabels> {
  return decodeLabelsBlobSized(blob).labels;
}

/** `decodeLabelsBlob`, and how many bytes of canonical text the blob held (what the decoded labels take grows with it). */
export function decodeLabelsBlobSized(blob: Buffer): { labels: Map<string, StoredItemLabels>; textBytes: number } {
  const text = gunzipSync(blob);
  const parsed = JSON.parse(text.toString('utf8')) as CanonicalJson[];
  const out = new Map<string, StoredItemLabels>();
  for (const item of parsed) {
    const shapes = item.shapes.map((s) => {
      const shape: CanonicalShape = { className: s.class, box: boxOf(s.box) };
      if (s.attributes) shape.attributes = s.attributes;
      if (s.frame !== undefined) shape.frame = s.frame;
      return shape;
    });
    const video = videoOf(item);
    out.set(item.item, video ? { itemId: item.item, shapes, video } : { itemId: item.item, shapes });
  }
  return { labels: out, textBytes: text.length };
}
