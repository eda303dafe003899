import type { Shape } from '../../../core/model/shape';
import type { Track } from '../../../core/model/track';
import { boxAtFrame, setKeyframe } from '../../../core/video';
import type { TrackFrameInfo } from './videoTypes';

/**
 * A track shown on one frame as an ordinary box, so every box tool works on
 * it. The shape's id is the track's id, so the selection survives frame
 * changes. Null where the track is not visible.
 */
export function trackShapeAt(track: Track, frame: number): { shape: Shape; info: TrackFrameInfo } | null {
  const at = boxAtFrame(track, frame);
  if (!at || at.outside) return null;
  const shape: Shape = {
    id: track.id,
    projectId: track.projectId,
    itemId: track.itemId,
    kind: 'box',
    classId: track.classId,
    box: at.box,
    attributes: track.attributes,
    source: { kind: 'human' },
    author: track.author,
    createdAt: track.createdAt,
    updatedAt: track.updatedAt,
    version: track.version,
    frame,
  };
  return { shape, info: { trackId: track.id, keyframe: at.keyframe, outside: at.outside } };
}

function sameBox(a: Shape['box'], b: Shape['box']): boolean {
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

/**
 * An edited track box back into the track: a moved or resized box makes the
 * frame a human keyframe (CVAT's convention); class and attribute changes
 * apply to the whole track.
 */
export function trackFromEditedShape(track: Track, edited: Shape, frame: number): Track {
  const shown = boxAtFrame(track, frame);
  const moved = !shown || shown.outside || !sameBox(shown.box, edited.box);
  const base = moved ? setKeyframe(track, frame, edited.box) : track;
  return { ...base, classId: edited.classId, attributes: edited.attributes, author: edited.author, updatedAt: edited.updatedAt, version: Math.max(edited.version, track.version + 1) };
}
