import type { AttributeValue } from '../model/labelSchema';
import type { Box } from '../model/shape';
import { round2 } from '../formats/shared/numbers';
import { compareText } from './canonicalLabels';

/**
 * A video item's labels beyond single-frame boxes, as they leave the
 * workstation: tracks, frame tags and shots (segments). Classes and tags by
 * NAME, frames 0-based, boxes in pixels. Only what an annotator decided is
 * here: keyframe `source`/`score`, segment scene-change scores and record
 * ids stay local.
 */
export interface CanonicalKeyframe {
  frame: number;
  box: Box;
  /** CVAT's outside: the object is out of view from this keyframe until the next inside one. Absent = inside. */
  outside?: true;
  /** Per-frame flags (occluded, visibility) holding until the next keyframe. */
  attributes?: Record<string, AttributeValue>;
}

/**
 * A track with CVAT's interpolation (core/video/interpolate.ts `boxAtFrame`):
 * linear between inside keyframes, nothing before the first, still after the
 * last inside one, hidden from an outside keyframe to the next inside one.
 */
export interface CanonicalTrack {
  className: string;
  attributes?: Record<string, AttributeValue>;
  /** Sorted by frame, one per frame, at least one. */
  keyframes: CanonicalKeyframe[];
}

/** A frame-range tag, inclusive. Overlapping or touching ranges of one class are one range in canonical form. */
export interface CanonicalFrameTag {
  className: string;
  startFrame: number;
  endFrame: number;
}

/** A shot. Segments, when there are any, tile the video: the first starts at 0, each starts after the last one's end, the last ends at frameCount - 1. */
export interface CanonicalSegment {
  startFrame: number;
  endFrame: number;
  /** Sorted, unique; absent when empty. */
  tags?: string[];
}

export interface CanonicalVideoLabels {
  /** The number of frames the annotator's frame engine saw: the hub refuses a submission whose count differs from the item's. */
  frameCount: number;
  tracks: CanonicalTrack[];
  frameTags: CanonicalFrameTag[];
  segments: CanonicalSegment[];
}

/** Canonical form version of an item that carries video labels (version 1 is images only, unchanged). */
export const CANONICAL_VIDEO_VERSION = 2;

function frameIn(value: unknown, frameCount: number, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error(`${where} must be a whole frame number ≥ 0, got ${String(value)}`);
  if (value >= frameCount) throw new Error(`${where} is frame ${value}, but the video has ${frameCount} frames (0–${frameCount - 1})`);
  return value;
}

function finite(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where} must be a finite number, got ${String(value)}`);
  return value;
}

export function normalizeBox(box: Box, where: string): Box {
  const out = { x: round2(finite(box?.x, `${where}.x`)), y: round2(finite(box?.y, `${where}.y`)), w: round2(finite(box?.w, `${where}.w`)), h: round2(finite(box?.h, `${where}.h`)) };
  if (out.w < 0 || out.h < 0) throw new Error(`${where}: width and height must not be negative`);
  return out;
}

export function normalizeAttributes(attributes: Record<string, AttributeValue> | undefined, where: string): Record<string, AttributeValue> | undefined {
  const keys = Object.keys(attributes ?? {}).sort(compareText);
  if (keys.length === 0) return undefined;
  const out: Record<string, AttributeValue> = {};
  for (const key of keys) {
    const value = attributes![key]!;
    if (typeof value === 'number') finite(value, `${where}.${key}`);
    else if (typeof value !== 'string' && typeof value !== 'boolean') throw new Error(`${where}.${key} must be a string, number or boolean`);
    out[key] = value;
  }
  return out;
}

/** Written key by key in code-unit order (JSON.stringify puts integer-like keys first). */
export function attributesJson(attributes: Record<string, AttributeValue> | undefined): string {
  if (!attributes) return '';
  return `{${Object.keys(attributes)
    .sort(compareText)
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(attributes[k])}`)
    .join(',')}}`;
}

function normalizeTrack(track: CanonicalTrack, frameCount: number, where: string): CanonicalTrack {
  if (typeof track.className !== 'string' || track.className.length === 0) throw new Error(`${where}: className must be a non-empty string`);
  if (!Array.isArray(track.keyframes) || track.keyframes.length === 0) throw new Error(`${where}: a track needs at least one keyframe`);
  const keyframes = track.keyframes.map((k, i): CanonicalKeyframe => {
    const at = `${where}.keyframes[${i}]`;
    const out: CanonicalKeyframe = { frame: frameIn(k.frame, frameCount, `${at}.frame`), box: normalizeBox(k.box, `${at}.box`) };
    if (k.outside === true) out.outside = true;
    const attributes = normalizeAttributes(k.attributes, `${at}.attributes`);
    if (attributes) out.attributes = attributes;
    return out;
  });
  keyframes.sort((a, b) => a.frame - b.frame);
  for (let i = 1; i < keyframes.length; i++) {
    if (keyframes[i]!.frame === keyframes[i - 1]!.frame) throw new Error(`${where}: two keyframes on frame ${keyframes[i]!.frame}`);
  }
  const out: CanonicalTrack = { className: track.className, keyframes };
  const attributes = normalizeAttributes(track.attributes, `${where}.attributes`);
  if (attributes) out.attributes = attributes;
  return out;
}

function keyframeJson(k: CanonicalKeyframe): string {
  const outside = k.outside ? ',"outside":true' : '';
  const attributes = k.attributes ? `,"attributes":${attributesJson(k.attributes)}` : '';
  return `{"frame":${k.frame},"box":[${k.box.x},${k.box.y},${k.box.w},${k.box.h}]${outside}${attributes}}`;
}

export function trackJson(t: CanonicalTrack): string {
  const attributes = t.attributes ? `,"attributes":${attributesJson(t.attributes)}` : '';
  return `{"class":${JSON.stringify(t.className)}${attributes},"keyframes":[${t.keyframes.map(keyframeJson).join(',')}]}`;
}

/** Per class, overlapping or touching ranges merged; sorted by class, then start. */
function mergeFrameTags(tags: readonly CanonicalFrameTag[], frameCount: number): CanonicalFrameTag[] {
  const checked = tags.map((t, i) => {
    const where = `frameTags[${i}]`;
    if (typeof t.className !== 'string' || t.className.length === 0) throw new Error(`${where}: className must be a non-empty string`);
    const start = frameIn(t.startFrame, frameCount, `${where}.startFrame`);
    const end = frameIn(t.endFrame, frameCount, `${where}.endFrame`);
    if (end < start) throw new Error(`${where}: endFrame ${end} is before startFrame ${start}`);
    return { className: t.className, startFrame: start, endFrame: end };
  });
  checked.sort((a, b) => compareText(a.className, b.className) || a.startFrame - b.startFrame || a.endFrame - b.endFrame);
  const out: CanonicalFrameTag[] = [];
  for (const t of checked) {
    const last = out[out.length - 1];
    if (last && last.className === t.className && t.startFrame <= last.endFrame + 1) last.endFrame = Math.max(last.endFrame, t.endFrame);
    else out.push({ ...t });
  }
  return out;
}

function normalizeSegments(segments: readonly CanonicalSegment[], frameCount: number): CanonicalSegment[] {
  const out = segments
    .map((s, i): CanonicalSegment => {
      const where = `segments[${i}]`;
      const seg: CanonicalSegment = { startFrame: frameIn(s.startFrame, frameCount, `${where}.startFrame`), endFrame: frameIn(s.endFrame, frameCount, `${where}.endFrame`) };
      if (seg.endFrame < seg.startFrame) throw new Error(`${where}: endFrame ${seg.endFrame} is before startFrame ${seg.startFrame}`);
      const tags = [...new Set(s.tags ?? [])].sort(compareText);
      for (const tag of tags) if (typeof tag !== 'string' || tag.length === 0) throw new Error(`${where}: tags must be non-empty strings`);
      if (tags.length > 0) seg.tags = tags;
      return seg;
    })
    .sort((a, b) => a.startFrame - b.startFrame);
  if (out.length === 0) return out;
  if (out[0]!.startFrame !== 0) throw new Error(`segments must start at frame 0, the first starts at ${out[0]!.startFrame}`);
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.startFrame !== out[i - 1]!.endFrame + 1) throw new Error(`segments must tile the video: segment ${i} starts at ${out[i]!.startFrame}, the one before ends at ${out[i - 1]!.endFrame}`);
  }
  if (out[out.length - 1]!.endFrame !== frameCount - 1) throw new Error(`segments must end at the last frame ${frameCount - 1}, they end at ${out[out.length - 1]!.endFrame}`);
  return out;
}

/**
 * Video labels reduced to what the hash covers, in one order on every
 * machine: tracks sorted by their canonical text (class, keyframes…), frame
 * tags merged per class, segments checked to tile the video. Throws on
 * anything out of the video's frames.
 */
export function normalizeVideoLabels(video: CanonicalVideoLabels): CanonicalVideoLabels {
  const frameCount = video?.frameCount;
  if (typeof frameCount !== 'number' || !Number.isInteger(frameCount) || frameCount < 1) throw new Error(`frameCount must be a whole number ≥ 1, got ${String(frameCount)}`);
  const tracks = (video.tracks ?? []).map((t, i) => normalizeTrack(t, frameCount, `tracks[${i}]`));
  const texts = new Map(tracks.map((t) => [t, trackJson(t)]));
  tracks.sort((a, b) => compareText(texts.get(a)!, texts.get(b)!));
  return { frameCount, tracks, frameTags: mergeFrameTags(video.frameTags ?? [], frameCount), segments: normalizeSegments(video.segments ?? [], frameCount) };
}

/** The video part of the canonical text (expects normalized labels): `"frames":N,…,"tracks":[…],"frameTags":[…],"segments":[…]`. */
export function videoLabelsJson(video: CanonicalVideoLabels): { frames: string; rest: string } {
  const tags = video.frameTags.map((t) => `{"class":${JSON.stringify(t.className)},"start":${t.startFrame},"end":${t.endFrame}}`);
  const segments = video.segments.map((s) => `{"start":${s.startFrame},"end":${s.endFrame}${s.tags ? `,"tags":${JSON.stringify(s.tags)}` : ''}}`);
  return {
    frames: `"frames":${video.frameCount}`,
    rest: `"tracks":[${video.tracks.map(trackJson).join(',')}],"frameTags":[${tags.join(',')}],"segments":[${segments.join(',')}]`,
  };
}

/**
 * Frames on which the track is visible under CVAT's rules: from each inside
 * keyframe to the next outside one, or to the video's last frame (the box
 * holds still after the last inside keyframe). O(keyframes); expects them sorted.
 */
export function trackVisibleFrames(track: Pick<CanonicalTrack, 'keyframes'>, frameCount: number): number {
  let visible = 0;
  let from: number | null = null;
  for (const k of track.keyframes) {
    if (k.outside) {
      if (from !== null) visible += Math.max(0, k.frame - from);
      from = null;
    } else if (from === null) from = k.frame;
  }
  if (from !== null) visible += Math.max(0, frameCount - from);
  return visible;
}

/**
 * An upper bound on what this submission can cost video consensus against
 * any other one: tracks × visible track-frames. Between two annotators the
 * per-frame IoU work is Σ overlaps ≤ min(Na·Sb, Nb·Sa) ≤ √(Na·Sa·Nb·Sb), so
 * bounding N·S per submission bounds every pair (SYNC_LIMITS.maxConsensusWork).
 */
export function videoConsensusWork(video: Pick<CanonicalVideoLabels, 'frameCount' | 'tracks'>): number {
  let frames = 0;
  for (const t of video.tracks) frames += trackVisibleFrames({ keyframes: [...t.keyframes].sort((a, b) => a.frame - b.frame) }, video.frameCount);
  return video.tracks.length * frames;
}
