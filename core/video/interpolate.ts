import type { Box } from '../model/shape';

/** The part of a keyframe interpolation needs; both `TrackKeyframe` and the formats' exchange keyframes fit. */
export interface KeyframeLike {
  frame: number;
  box: Box;
  outside?: boolean;
}

export interface TrackLike<K extends KeyframeLike = KeyframeLike> {
  keyframes: readonly K[];
}

export interface BoxAtFrame {
  box: Box;
  /** True where the object is out of view: at and after an outside keyframe until the next inside one. */
  outside: boolean;
  /** True when `frame` is one of the track's keyframes (the timeline marks it, K toggles it). */
  keyframe: boolean;
}

export function lerpBox(a: Box, b: Box, t: number): Box {
  return {
    x: a.x + (b.x - a.x) * t,
    y: a.y + (b.y - a.y) * t,
    w: a.w + (b.w - a.w) * t,
    h: a.h + (b.h - a.h) * t,
  };
}

/** Index of the last keyframe at or before `frame`, -1 if none (keyframes sorted by frame). */
export function keyframeIndexAtOrBefore(keyframes: readonly KeyframeLike[], frame: number): number {
  let lo = 0;
  let hi = keyframes.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (keyframes[mid]!.frame <= frame) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * The track's box on `frame`, with CVAT's conventions: nothing before the
 * first keyframe; exact box on a keyframe; linear interpolation between two
 * inside keyframes; after the last inside keyframe the box stays where it
 * is; towards an outside keyframe the box holds still (the object leaves
 * there, it does not glide towards a box nobody sees); from an outside
 * keyframe on the object is outside until the next inside keyframe.
 */
export function boxAtFrame(track: TrackLike, frame: number): BoxAtFrame | null {
  const { keyframes } = track;
  const i = keyframeIndexAtOrBefore(keyframes, frame);
  if (i < 0) return null;
  const left = keyframes[i]!;
  const outside = left.outside ?? false;
  if (left.frame === frame) return { box: { ...left.box }, outside, keyframe: true };
  const right = keyframes[i + 1];
  if (outside || !right || (right.outside ?? false)) return { box: { ...left.box }, outside, keyframe: false };
  const t = (frame - left.frame) / (right.frame - left.frame);
  return { box: lerpBox(left.box, right.box, t), outside: false, keyframe: false };
}

/** The visible (inside) box on `frame`, or null when the track is not on screen there. */
export function visibleBoxAtFrame(track: TrackLike, frame: number): Box | null {
  const at = boxAtFrame(track, frame);
  return at && !at.outside ? at.box : null;
}

/**
 * Inclusive frame ranges in which the track is visible, bounded by the
 * video's `frameCount` (a track with no closing outside keyframe runs to the
 * end of the video).
 */
export function visibleRanges(track: TrackLike, frameCount: number): [number, number][] {
  const ranges: [number, number][] = [];
  const { keyframes } = track;
  let start: number | null = null;
  for (const k of keyframes) {
    if (k.frame >= frameCount) break;
    if (k.outside) {
      if (start !== null && k.frame > start) ranges.push([start, k.frame - 1]);
      start = null;
    } else if (start === null) {
      start = k.frame;
    }
  }
  if (start !== null && frameCount > start) ranges.push([start, frameCount - 1]);
  return ranges;
}
