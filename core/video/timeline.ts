import type { TrackLike } from './interpolate';
import { visibleRanges } from './interpolate';

/** Inclusive range of frames. */
export type FrameRange = [number, number];

/** Sorted, non-overlapping ranges; touching ranges are joined. */
export function mergeRanges(ranges: readonly FrameRange[]): FrameRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: FrameRange[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1] + 1) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/**
 * The frames the timeline marks as labelled: every frame a track is visible
 * on plus every frame with a plain box, as merged ranges (an hour of video
 * has ~100k frames, so ranges, not a frame list).
 */
export function framesWithLabels(tracks: readonly TrackLike[], shapes: readonly { frame?: number }[], frameCount: number): FrameRange[] {
  const ranges: FrameRange[] = tracks.flatMap((t) => visibleRanges(t, frameCount));
  for (const s of shapes) {
    if (s.frame !== undefined && s.frame < frameCount) ranges.push([s.frame, s.frame]);
  }
  return mergeRanges(ranges);
}

/** Every keyframe of every track, sorted and unique: the marks on the timeline. */
export function keyframeMarks(tracks: readonly TrackLike[]): number[] {
  return [...new Set(tracks.flatMap((t) => t.keyframes.map((k) => k.frame)))].sort((a, b) => a - b);
}
