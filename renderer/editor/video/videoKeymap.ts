import type { KeyCommand } from '../keys/keyCommand';

/** Frame-labeling commands, run by the VideoController. */
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

/** In a video, F/D/V/C… mean frames: these are more specific than the labeling keys and shadow them (keys/when.ts). */
const WHEN = 'editor && video';

const video = (id: VideoActionId, description: string, group: string, keys: string[], repeatable = false): KeyCommand<VideoActionId> => ({ id, description, group, when: WHEN, keys, repeatable });

/** CVAT's conventions where it has one (F/D, V/C, K, O, Ctrl+B, R/E). Space (play) is fixed: tap plays, hold+drag pans. */
export const videoCommands: readonly KeyCommand<VideoActionId>[] = [
  video('frame.next', 'Next frame', 'Frames', ['f'], true),
  video('frame.prev', 'Previous frame', 'Frames', ['d'], true),
  video('frame.forward', 'Jump forward N frames', 'Frames', ['v'], true),
  video('frame.back', 'Jump back N frames', 'Frames', ['c'], true),
  video('track.make', 'Make the selected box a track', 'Tracks', ['t']),
  video('track.keyframe', 'Make this frame a keyframe of the selected track', 'Tracks', ['k']),
  video('track.removeKeyframe', 'Remove this keyframe (interpolate again)', 'Tracks', ['shift+k']),
  video('track.outside', 'Selected track leaves / comes back from this frame on', 'Tracks', ['o']),
  video('track.propagate', 'Propagate the selected box over the next N frames', 'Tracks', ['ctrl+b']),
  video('track.nextKeyframe', 'Next keyframe of the selected track', 'Tracks', ['r'], true),
  video('track.prevKeyframe', 'Previous keyframe of the selected track', 'Tracks', ['e'], true),
  video('segment.split', 'Split the shot at this frame', 'Shots', ['shift+s']),
];
