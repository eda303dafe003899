import type { Box } from '../../../core/model/shape';

/** Where the selected box stands on this frame, as the annotator would say it. */
export type BoxPosition = 'keyframe' | 'interpolated' | 'outside' | 'no track';

/** What the frame controls know about the selection on this frame. */
export interface SelectedOnFrame {
  box: Box;
  position: BoxPosition;
}

/** The track info of the selected shape on this frame, or none for a plain box. */
export function positionOf(info: { keyframe: boolean; outside: boolean } | undefined): BoxPosition {
  if (!info) return 'no track';
  if (info.outside) return 'outside';
  return info.keyframe ? 'keyframe' : 'interpolated';
}

const SAYS: Record<BoxPosition, string> = {
  keyframe: 'a keyframe of its track on this frame',
  interpolated: 'interpolated between its track’s keyframes on this frame',
  outside: 'outside the picture from this frame on',
  'no track': 'a plain box on this frame, not a track (T makes one)',
};

/** The tooltip: the position in a sentence and the box in pixels, rounded (interpolated boxes are fractional). */
export function describeSelected({ box, position }: SelectedOnFrame): string {
  const r = (v: number) => Math.round(v);
  return `Selected box: ${SAYS[position]}. Left ${r(box.x)} px, top ${r(box.y)} px, ${r(box.w)} × ${r(box.h)} px.`;
}
