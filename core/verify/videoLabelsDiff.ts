import type { CanonicalShape } from '../sync/canonicalLabels';
import { attributesJson, trackJson, type CanonicalKeyframe, type CanonicalTrack, type CanonicalVideoLabels } from '../sync/canonicalVideo';

/** A video item's labels in canonical form (normalized). */
export interface VideoItemLabels {
  shapes: readonly CanonicalShape[];
  video: CanonicalVideoLabels;
}

const boxText = (b: { x: number; y: number; w: number; h: number }) => `[x ${b.x}, y ${b.y}, w ${b.w}, h ${b.h}]`;
const keyframeText = (k: CanonicalKeyframe) => `frame ${k.frame} ${k.outside ? 'outside ' : ''}${boxText(k.box)}${k.attributes ? ` ${attributesJson(k.attributes)}` : ''}`;
const trackName = (t: CanonicalTrack) => `track "${t.className}" (frames ${t.keyframes[0]!.frame}–${t.keyframes[t.keyframes.length - 1]!.frame}, ${t.keyframes.length} keyframes)`;
const shapeText = (s: CanonicalShape) => `box "${s.className}" on frame ${s.frame ?? '(none)'} ${boxText(s.box)}${s.attributes ? ` ${attributesJson(s.attributes)}` : ''}`;

/** Items of `a` not in `b`, as a multiset by their text. */
function without<T>(a: readonly T[], b: readonly T[], text: (x: T) => string): T[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(text(x), (left.get(text(x)) ?? 0) + 1);
  return a.filter((x) => {
    const n = left.get(text(x)) ?? 0;
    if (n > 0) left.set(text(x), n - 1);
    return n === 0;
  });
}

/** Where two tracks of one class part: the first keyframe that differs, or the one only one of them has. */
function firstDifference(expected: CanonicalTrack, actual: CanonicalTrack): string {
  const n = Math.max(expected.keyframes.length, actual.keyframes.length);
  for (let i = 0; i < n; i++) {
    const e = expected.keyframes[i];
    const a = actual.keyframes[i];
    if (e && a && keyframeText(e) === keyframeText(a)) continue;
    return `keyframe ${i + 1}: the dataset has ${a ? keyframeText(a) : 'none'} where the lineage's labels have ${e ? keyframeText(e) : 'none'}`;
  }
  return 'the track attributes differ';
}

/**
 * What a dataset file says that the lineage's labels do not, and the
 * reverse, one message per difference (`limit` at most): tracks paired by
 * class to name the first keyframe that moved, frame boxes, frame tag
 * ranges and segments (boundaries and tags).
 */
export function videoLabelsDiff(expected: VideoItemLabels, actual: VideoItemLabels, limit = 10): string[] {
  const out: string[] = [];
  if (expected.video.frameCount !== actual.video.frameCount) out.push(`the dataset is for ${actual.video.frameCount} frames, the lineage's labels for ${expected.video.frameCount}`);
  const missingTracks = without(expected.video.tracks, actual.video.tracks, trackJson);
  const extraTracks = without(actual.video.tracks, expected.video.tracks, trackJson);
  for (const e of missingTracks) {
    const i = extraTracks.findIndex((a) => a.className === e.className);
    if (i < 0) out.push(`the lineage's ${trackName(e)} is not in the dataset`);
    else out.push(`${trackName(e)}: ${firstDifference(e, extraTracks.splice(i, 1)[0]!)}`);
  }
  for (const a of extraTracks) out.push(`the dataset has a ${trackName(a)} the lineage's labels do not have`);
  for (const s of without(expected.shapes, actual.shapes, shapeText)) out.push(`the lineage's ${shapeText(s)} is not in the dataset`);
  for (const s of without(actual.shapes, expected.shapes, shapeText)) out.push(`the dataset has a ${shapeText(s)} the lineage's labels do not have`);
  const tagText = (t: CanonicalVideoLabels['frameTags'][number]) => `frame tag "${t.className}" on frames ${t.startFrame}–${t.endFrame}`;
  for (const t of without(expected.video.frameTags, actual.video.frameTags, tagText)) out.push(`the lineage's ${tagText(t)} is not in the dataset`);
  for (const t of without(actual.video.frameTags, expected.video.frameTags, tagText)) out.push(`the dataset has a ${tagText(t)} the lineage's labels do not have`);
  const segmentText = (s: CanonicalVideoLabels['segments'][number]) => `segment ${s.startFrame}–${s.endFrame}${s.tags ? ` [${s.tags.join(', ')}]` : ''}`;
  for (const s of without(expected.video.segments, actual.video.segments, segmentText)) out.push(`the lineage's ${segmentText(s)} is not in the dataset`);
  for (const s of without(actual.video.segments, expected.video.segments, segmentText)) out.push(`the dataset has a ${segmentText(s)} the lineage's labels do not have`);
  return out.length > limit ? [...out.slice(0, limit), `and ${out.length - limit} more differences`] : out;
}
