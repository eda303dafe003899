import type { Shape } from '../../../core/model/shape';
import type { FrameTag, Segment, Track, TrackKeyframe } from '../../../core/model/track';
import { newId } from '../../../core/util/ids';
import { createFrameTag, propagateBox, propagateTrack, setKeyframe, toggleOutside } from '../../../core/video';
import type { ShapeChange } from '../../document/shapeChange';
import type { EditStamp } from '../shapeEdits';
import type { SegmentsState } from '../../document/videoChange';

/** One undo step, with the label the history shows (and the track it made, if any); null when nothing would change. */
export type VideoEdit = { change: ShapeChange; label: string; trackId?: string } | null;

function trackChange(put: Track[], remove: string[] = [], shapesRemoved: string[] = []): ShapeChange {
  return { put: [], remove: shapesRemoved, video: { tracks: { put, remove } } };
}

function stamped(track: Track, stamp: EditStamp): Track {
  return { ...track, author: stamp.author, updatedAt: stamp.now, version: track.version + 1 };
}

/** A new track made from a plain box: its keyframes replace the box in one step. */
export function newTrackFrom(shape: Shape, keyframes: TrackKeyframe[], stamp: EditStamp): Track {
  return {
    id: newId('trk_'),
    projectId: shape.projectId,
    itemId: shape.itemId,
    classId: shape.classId,
    attributes: shape.attributes,
    keyframes,
    author: stamp.author,
    createdAt: stamp.now,
    updatedAt: stamp.now,
    version: 1,
  };
}

/** "Make track": the plain box becomes a track with one keyframe on its frame. */
export function makeTrackEdit(shape: Shape, stamp: EditStamp): NonNullable<VideoEdit> & { trackId: string } {
  const track = newTrackFrom(shape, [{ frame: shape.frame ?? 0, box: { ...shape.box }, outside: false, source: 'human' }], stamp);
  return { change: trackChange([track], [], [shape.id]), label: 'Make track', trackId: track.id };
}

/** K: the shown box becomes a keyframe on `frame` (already one: nothing to do; moving a box makes a keyframe too). */
export function keyframeEdit(track: Track, box: Shape['box'], frame: number, stamp: EditStamp): VideoEdit {
  if (track.keyframes.some((k) => k.frame === frame && !k.outside)) return null;
  return { change: trackChange([stamped(setKeyframe(track, frame, box), stamp)]), label: 'Keyframe' };
}

/** Shift+K: this frame is interpolated again; removing the only keyframe removes the track. */
export function removeKeyframeEdit(track: Track, frame: number, stamp: EditStamp): VideoEdit {
  const keyframes = track.keyframes.filter((k) => k.frame !== frame);
  if (keyframes.length === track.keyframes.length) return null;
  if (keyframes.length === 0) return { change: trackChange([], [track.id]), label: 'Remove track' };
  return { change: trackChange([stamped({ ...track, keyframes }, stamp)]), label: 'Remove keyframe' };
}

/** O: the object leaves (or comes back) from this frame on. */
export function outsideEdit(track: Track, frame: number, stamp: EditStamp): VideoEdit {
  const next = toggleOutside(track, frame);
  return next === track ? null : { change: trackChange([stamped(next, stamp)]), label: 'Toggle outside' };
}

/** Ctrl+B: a plain box becomes a track holding it over the next `count` frames; a track gets keyframes there. */
export function propagateEdit(shape: Shape, track: Track | undefined, frame: number, count: number, frameCount: number, stamp: EditStamp): VideoEdit {
  if (track) {
    const next = propagateTrack(track, frame, count, frameCount);
    return next === track ? null : { change: trackChange([stamped(next, stamp)]), label: 'Propagate' };
  }
  const created = newTrackFrom(shape, propagateBox(shape.box, frame, count, frameCount), stamp);
  return { change: trackChange([created], [], [shape.id]), label: 'Propagate', trackId: created.id };
}

export function addFrameTagEdit(owner: { projectId: string; itemId: string }, classId: string, range: [number, number], stamp: EditStamp): VideoEdit {
  const tag = createFrameTag({ ...owner, classId, startFrame: range[0], endFrame: range[1], author: stamp.author, now: stamp.now });
  return { change: { put: [], remove: [], video: { frameTags: { put: [tag], remove: [] } } }, label: 'Tag frames' };
}

export function removeFrameTagEdit(tag: FrameTag): VideoEdit {
  return { change: { put: [], remove: [], video: { frameTags: { put: [], remove: [tag.id] } } }, label: 'Remove frame tag' };
}

/** Any segment edit (split, merge, tag, re-cut): the whole list is replaced. */
export function segmentsEdit(current: SegmentsState | null, segments: Segment[], label: string, threshold = current?.threshold ?? 0): VideoEdit {
  if (current && threshold === current.threshold && JSON.stringify(current.segments) === JSON.stringify(segments)) return null;
  return { change: { put: [], remove: [], video: { segments: { segments, threshold } } }, label };
}

/** The shots pass result with every frame's score; committed with `history: false` (the machine's, like the probe). */
export function shotsChange(segments: Segment[], scores: number[], threshold: number): ShapeChange {
  return { put: [], remove: [], video: { segments: { segments, threshold, scores } } };
}
