import type { Track } from '../../../core/model/track';
import { keyframesFromDetections } from '../../../core/video/autoTrack';
import type { AutoTrackResult } from '../../../electron/common/services/videoService';

/**
 * The visual tracker's keyframes put into the track the user drew: its own
 * keyframe on the start frame stays (it is the user's box), the tracker's
 * keyframes replace the track's keyframes after the start up to where the
 * tracker stopped, an outside keyframe goes where it lost the object, and
 * the track's keyframes beyond that stay.
 */
export function mergeVisualTrack(track: Track, result: AutoTrackResult, startFrame: number, stamp: { author: string; now: number }): Track {
  const followed = result.tracks[0];
  if (!followed) return track;
  const added = keyframesFromDetections(followed.keyframes, followed.endFrame).filter((k) => k.frame > startFrame);
  if (added.length === 0) return track;
  const lastAdded = added[added.length - 1]!.frame;
  const kept = track.keyframes.filter((k) => k.frame <= startFrame || k.frame > lastAdded);
  const keyframes = [...kept, ...added].sort((a, b) => a.frame - b.frame);
  return { ...track, keyframes, author: stamp.author, updatedAt: stamp.now, version: track.version + 1 };
}
