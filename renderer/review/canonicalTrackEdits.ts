import type { Box } from '../../core/model/shape';
import type { TrackKeyframe } from '../../core/model/track';
import type { CanonicalKeyframe, CanonicalTrack } from '../../core/sync/canonicalVideo';
import { setKeyframe, toggleOutside, type EditableTrack } from '../../core/video/trackEdits';

/**
 * The video workbench's track edits (core/video/trackEdits.ts) on a
 * canonical track: keyframes go through the workbench's form (outside as a
 * boolean, a source) and come back canonical (outside only when true, no
 * source), so the review edits keyframes exactly as labeling does.
 */
function editable(track: CanonicalTrack): EditableTrack {
  return { keyframes: track.keyframes.map((k): TrackKeyframe => ({ frame: k.frame, box: { ...k.box }, outside: k.outside === true, source: 'human', ...(k.attributes ? { attributes: k.attributes } : {}) })) };
}

function canonical(track: CanonicalTrack, edited: EditableTrack): CanonicalTrack {
  const keyframes = edited.keyframes.map((k): CanonicalKeyframe => ({ frame: k.frame, box: { ...k.box }, ...(k.outside ? { outside: true as const } : {}), ...(k.attributes ? { attributes: k.attributes } : {}) }));
  return { ...track, keyframes };
}

/** Moving or drawing the box on `frame`: a keyframe there, inside. */
export function setCanonicalKeyframe(track: CanonicalTrack, frame: number, box: Box): CanonicalTrack {
  return canonical(track, setKeyframe(editable(track), frame, box));
}

/** The object leaves (or comes back) from `frame` on; before the track starts nothing changes. */
export function toggleCanonicalOutside(track: CanonicalTrack, frame: number): CanonicalTrack {
  return canonical(track, toggleOutside(editable(track), frame));
}

/** A new track of one keyframe (the reviewer draws an object's box where no track was taken). */
export function trackFrom(className: string, frame: number, box: Box): CanonicalTrack {
  return { className, keyframes: [{ frame, box: { ...box } }] };
}
