import type { Box } from '../model/shape';
import type { TrackKeyframe } from '../model/track';
import { boxAtFrame, keyframeIndexAtOrBefore } from './interpolate';

/**
 * Track edits as pure functions: each returns a new track (same type as the
 * input, so a store `Track` stays a `Track`) and never mutates its input.
 * Recording author/version is the store's job, as with shapes.
 */
export interface EditableTrack {
  keyframes: TrackKeyframe[];
}

function humanKeyframe(frame: number, box: Box, outside = false): TrackKeyframe {
  assertFrame(frame);
  return { frame, box: { ...box }, outside, source: 'human' };
}

function assertFrame(frame: number): void {
  if (!Number.isInteger(frame) || frame < 0) throw new Error(`frame must be a non-negative integer, got ${frame}`);
}

/** Keyframes with `next` put in place of any keyframe on the same frame, sorted. */
function withKeyframe(keyframes: readonly TrackKeyframe[], next: TrackKeyframe): TrackKeyframe[] {
  const rest = keyframes.filter((k) => k.frame !== next.frame);
  const at = keyframeIndexAtOrBefore(rest, next.frame) + 1;
  return [...rest.slice(0, at), next, ...rest.slice(at)];
}

export function keyframeAt(track: EditableTrack, frame: number): TrackKeyframe | undefined {
  return track.keyframes.find((k) => k.frame === frame);
}

/** K, or moving/resizing the box on any frame: that frame becomes a human keyframe with `box`, inside. */
export function setKeyframe<T extends EditableTrack>(track: T, frame: number, box: Box): T {
  return { ...track, keyframes: withKeyframe(track.keyframes, humanKeyframe(frame, box)) };
}

/**
 * K on a frame that already is a keyframe: remove it (the frame is then
 * interpolated again). Returns null when it was the track's only keyframe,
 * which means the track itself is gone.
 */
export function removeKeyframe<T extends EditableTrack>(track: T, frame: number): T | null {
  const keyframes = track.keyframes.filter((k) => k.frame !== frame);
  if (keyframes.length === track.keyframes.length) return track;
  return keyframes.length === 0 ? null : { ...track, keyframes };
}

/** K as CVAT users know it: make the frame a keyframe (keeping the shown box), or drop it if it is one. */
export function toggleKeyframe<T extends EditableTrack>(track: T, frame: number): T | null {
  if (keyframeAt(track, frame)) return removeKeyframe(track, frame);
  const at = boxAtFrame(track, frame);
  if (!at) return track;
  return { ...track, keyframes: withKeyframe(track.keyframes, humanKeyframe(frame, at.box, at.outside)) };
}

/**
 * O: flip visibility from `frame` on. On a keyframe its `outside` flag
 * flips; elsewhere a keyframe is inserted with the shown box and the
 * opposite visibility. Before the track's first keyframe nothing changes.
 */
export function toggleOutside<T extends EditableTrack>(track: T, frame: number): T {
  const existing = keyframeAt(track, frame);
  if (existing) {
    const flipped: TrackKeyframe = { ...existing, outside: !existing.outside, source: 'human' };
    return { ...track, keyframes: withKeyframe(track.keyframes, flipped) };
  }
  const at = boxAtFrame(track, frame);
  if (!at) return track;
  return { ...track, keyframes: withKeyframe(track.keyframes, humanKeyframe(frame, at.box, !at.outside)) };
}

/** The first keyframe after `frame` (R), or null. */
export function nextKeyframe(track: EditableTrack, frame: number): number | null {
  return track.keyframes.find((k) => k.frame > frame)?.frame ?? null;
}

/** The last keyframe before `frame` (E), or null. */
export function prevKeyframe(track: EditableTrack, frame: number): number | null {
  const i = keyframeIndexAtOrBefore(track.keyframes, frame - 1);
  return i >= 0 ? track.keyframes[i]!.frame : null;
}

/**
 * Ctrl+B on a plain box: the keyframes of a new track holding `box` on
 * `frame` and on each of the next `count` frames (clipped to the video).
 */
export function propagateBox(box: Box, frame: number, count: number, frameCount: number): TrackKeyframe[] {
  assertFrame(frame);
  if (frame >= frameCount) throw new Error(`frame ${frame} is past the end of the video (${frameCount} frames)`);
  const last = Math.min(frameCount - 1, frame + Math.max(0, Math.floor(count)));
  const keyframes: TrackKeyframe[] = [];
  for (let f = frame; f <= last; f++) keyframes.push(humanKeyframe(f, box));
  return keyframes;
}

/**
 * Ctrl+B on a track: the box shown on `frame` is copied as a keyframe onto
 * `frame` and each of the next `count` frames (replacing keyframes there), so the track
 * extends or holds still over that range. Nothing happens where the track
 * has not started.
 */
export function propagateTrack<T extends EditableTrack>(track: T, frame: number, count: number, frameCount: number): T {
  const at = boxAtFrame(track, frame);
  if (!at || at.outside) return track;
  // `frame` itself becomes a keyframe too, or its interpolated box would shift once the copies exist.
  const copies = propagateBox(at.box, frame, count, frameCount);
  let keyframes = track.keyframes;
  for (const k of copies) keyframes = withKeyframe(keyframes, k);
  return { ...track, keyframes };
}

/**
 * Split a track at `frame`: the head ends there (an outside keyframe on
 * `frame`), the tail starts there with the box shown on that frame. The
 * caller gives the tail its own id. Null when the track is not visible on
 * `frame` or the split would leave an empty head.
 */
export function splitKeyframes(track: EditableTrack, frame: number): { head: TrackKeyframe[]; tail: TrackKeyframe[] } | null {
  const at = boxAtFrame(track, frame);
  if (!at || at.outside) return null;
  const before = track.keyframes.filter((k) => k.frame < frame);
  if (before.length === 0) return null;
  return {
    head: [...before, humanKeyframe(frame, at.box, true)],
    tail: [humanKeyframe(frame, at.box), ...track.keyframes.filter((k) => k.frame > frame).map((k) => ({ ...k }))],
  };
}

/**
 * Join `other` into `track` (same object annotated as two tracks): the union
 * of keyframes; where both have a keyframe on a frame, `track`'s wins. An
 * outside keyframe of `track` that sits between its last keyframe and
 * `other`'s first is dropped so the gap is bridged by interpolation.
 */
export function mergeKeyframes<T extends EditableTrack>(track: T, other: EditableTrack): T {
  const firstOther = other.keyframes[0]?.frame ?? Infinity;
  const own = track.keyframes.filter((k, i) => {
    const isLast = i === track.keyframes.length - 1;
    return !(isLast && k.outside && k.frame <= firstOther);
  });
  let keyframes = [...other.keyframes.map((k) => ({ ...k }))];
  for (const k of own) keyframes = withKeyframe(keyframes, k);
  return { ...track, keyframes };
}
