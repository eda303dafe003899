import type { KeyChord, KeyInput } from '../types';
import { chordOf } from '../keymap';

/** Frame-labeling actions; the video view checks these before the editor's keymap, so F/D/V/C mean frames there. */
export type VideoActionId =
  | 'frame.next'
  | 'frame.prev'
  | 'frame.forward'
  | 'frame.back'
  | 'track.make'
  | 'track.keyframe'
  | 'track.removeKeyframe'
  | 'track.outside'
  | 'track.propagate'
  | 'track.nextKeyframe'
  | 'track.prevKeyframe'
  | 'segment.split';

/** CVAT's conventions where it has one (F/D, V/C, K, O, Ctrl+B, R/E). Space (play) is fixed: tap plays, hold+drag pans. */
export const defaultVideoKeymap: Record<VideoActionId, KeyChord[]> = {
  'frame.next': ['f'],
  'frame.prev': ['d'],
  'frame.forward': ['v'],
  'frame.back': ['c'],
  'track.make': ['t'],
  'track.keyframe': ['k'],
  'track.removeKeyframe': ['shift+k'],
  'track.outside': ['o'],
  'track.propagate': ['ctrl+b'],
  'track.nextKeyframe': ['r'],
  'track.prevKeyframe': ['e'],
  'segment.split': ['shift+s'],
};

export const videoActionDescriptions: Record<VideoActionId, string> = {
  'frame.next': 'Next frame',
  'frame.prev': 'Previous frame',
  'frame.forward': 'Jump forward N frames',
  'frame.back': 'Jump back N frames',
  'track.make': 'Make the selected box a track',
  'track.keyframe': 'Make this frame a keyframe of the selected track',
  'track.removeKeyframe': 'Remove this keyframe (interpolate again)',
  'track.outside': 'Selected track leaves / comes back from this frame on',
  'track.propagate': 'Propagate the selected box over the next N frames',
  'track.nextKeyframe': 'Next keyframe of the selected track',
  'track.prevKeyframe': 'Previous keyframe of the selected track',
  'segment.split': 'Split the shot at this frame',
};

const lookup = new Map<KeyChord, VideoActionId>(
  (Object.entries(defaultVideoKeymap) as [VideoActionId, KeyChord[]][]).flatMap(([action, chords]) => chords.map((c) => [c, action] as const)),
);

export function videoActionOf(input: KeyInput): VideoActionId | null {
  return lookup.get(chordOf(input)) ?? null;
}
