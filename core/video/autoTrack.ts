import type { Box } from '../model/shape';
import type { TrackKeyframe } from '../model/track';

/**
 * Keyframes of a track made by auto-track: one model keyframe per
 * detection, and an outside keyframe where the tracker lost the object
 * (`endFrame`), so the track does not linger to the end of the video.
 */
export function keyframesFromDetections(detections: readonly { frame: number; box: Box; score: number }[], endFrame?: number): TrackKeyframe[] {
  const keyframes: TrackKeyframe[] = detections.map((d) => ({ frame: d.frame, box: { ...d.box }, outside: false, source: 'model', score: d.score }));
  const last = keyframes[keyframes.length - 1];
  if (last && endFrame !== undefined && endFrame > last.frame) {
    keyframes.push({ frame: endFrame, box: { ...last.box }, outside: true, source: 'model' });
  }
  return keyframes;
}
