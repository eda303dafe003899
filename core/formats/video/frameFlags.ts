import type { AttributeValue } from '../../model/labelSchema';
import { keyframeIndexAtOrBefore } from '../../video/interpolate';
import type { VideoKeyframe } from './types';

/** Per-frame flags of a box: CVAT's `occluded`, MOT's `visibility` and any other per-box attribute a file carries. */
export type FrameFlags = Record<string, AttributeValue>;

/**
 * The value each known flag has when a file says nothing: every CVAT box
 * has occluded="0" and every MOT line a visibility, so a default value is
 * not stored — a box without flags and one with the defaults are the same
 * box, and a round trip through any format gives back the same record.
 * (CVAT's COCO also writes rotation 0 on every box.)
 */
const DEFAULTS: FrameFlags = { occluded: false, visibility: 1, rotation: 0 };

/** The flags worth storing: defaults dropped; undefined when none are left. */
export function storedFlags(flags: FrameFlags | undefined): FrameFlags | undefined {
  if (!flags) return undefined;
  const entries = Object.entries(flags);
  const kept = entries.filter(([name, value]) => DEFAULTS[name] !== value);
  if (kept.length === 0) return undefined;
  // Unchanged flags are returned as they are: a million keyframes need not mean a million copies.
  return kept.length === entries.length ? flags : Object.fromEntries(kept);
}

export function sameFlags(a: FrameFlags | undefined, b: FrameFlags | undefined): boolean {
  const ea = Object.entries(a ?? {});
  const eb = b ?? {};
  return ea.length === Object.keys(eb).length && ea.every(([name, value]) => eb[name] === value);
}

/**
 * The flags in force on `frame`: a keyframe's flags hold until the next
 * keyframe (CVAT's mutable attributes work this way), so an interpolated
 * frame shows those of the keyframe before it.
 */
export function flagsAtFrame(keyframes: readonly VideoKeyframe[], frame: number): FrameFlags | undefined {
  const i = keyframeIndexAtOrBefore(keyframes, frame);
  return i < 0 ? undefined : keyframes[i]!.attributes;
}

/** A flag as a number, or `fallback` when absent (MOT writes visibility 1 for a box without one). */
export function numericFlag(flags: FrameFlags | undefined, name: string, fallback: number): number {
  const v = flags?.[name];
  return typeof v === 'number' ? v : fallback;
}

/** `{ attributes }` when there are flags to store, else nothing: spread into a keyframe or shape. */
export function withFlags(flags: FrameFlags | undefined): { attributes?: FrameFlags } {
  const stored = storedFlags(flags);
  return stored ? { attributes: stored } : {};
}
