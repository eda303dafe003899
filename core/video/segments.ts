import type { Segment } from '../model/track';

/**
 * Shot segments of one video: contiguous, sorted, covering frames
 * 0..frameCount-1. Every edit returns a new array and keeps that invariant.
 */

/** Index of the segment that holds `frame`, or -1. */
export function segmentIndexAtFrame(segments: readonly Segment[], frame: number): number {
  return segments.findIndex((s) => frame >= s.startFrame && frame <= s.endFrame);
}

/** Segments from the 'shots' job result (tags start empty). */
export function segmentsFromShots(shots: readonly { startFrame: number; endFrame: number; score: number }[]): Segment[] {
  return shots.map((s) => ({ startFrame: s.startFrame, endFrame: s.endFrame, score: s.score, tags: [] }));
}

/**
 * Split the segment holding `frame` so a new one starts at `frame`. The new
 * segment keeps the tags (it is the same shot until the annotator says
 * otherwise) and gets `score` (the scene score there, 0 when unknown).
 * Splitting at a segment's first frame changes nothing.
 */
export function splitSegmentAt(segments: readonly Segment[], frame: number, score = 0): Segment[] {
  const i = segmentIndexAtFrame(segments, frame);
  if (i < 0) throw new Error(`frame ${frame} is in no segment`);
  const s = segments[i]!;
  if (s.startFrame === frame) return [...segments];
  return [
    ...segments.slice(0, i),
    { ...s, endFrame: frame - 1, tags: [...s.tags] },
    { startFrame: frame, endFrame: s.endFrame, score, tags: [...s.tags] },
    ...segments.slice(i + 1),
  ];
}

/** Merge segment `index` with the one after it; the union of their tags, the first one's score. */
export function mergeWithNext(segments: readonly Segment[], index: number): Segment[] {
  if (index < 0 || index >= segments.length - 1) throw new Error(`segment ${index} has no next segment to merge with`);
  const a = segments[index]!;
  const b = segments[index + 1]!;
  const merged: Segment = { startFrame: a.startFrame, endFrame: b.endFrame, score: a.score, tags: [...new Set([...a.tags, ...b.tags])] };
  return [...segments.slice(0, index), merged, ...segments.slice(index + 2)];
}

/** Add `tag` to segment `index`, or remove it if present. */
export function toggleSegmentTag(segments: readonly Segment[], index: number, tag: string): Segment[] {
  if (index < 0 || index >= segments.length) throw new Error(`no segment ${index}`);
  return segments.map((s, i) => {
    if (i !== index) return s;
    const tags = s.tags.includes(tag) ? s.tags.filter((t) => t !== tag) : [...s.tags, tag];
    return { ...s, tags };
  });
}
