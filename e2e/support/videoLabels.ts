// What an annotator signs for a clip of fixtures/realVideo.ts, derived from
// the clip's known boxes and shots: a careful annotator's labels, and the
// two ways the video journey's annotators go wrong (a track that drifts off
// its object, a shot tagged differently).
import type { Box } from '../../core/model/shape';
import type { CanonicalKeyframe, CanonicalTrack, CanonicalVideoLabels } from '../../core/sync/canonicalVideo';
import type { ClipObject, RealClip } from '../fixtures/realVideo';

/** Where an annotator puts keyframes on a tracked object: its first and last frame (the pan is linear, so interpolation follows it). */
export function keyframesOf(object: ClipObject): { frame: number; box: Box }[] {
  return [
    { frame: object.firstFrame, box: object.boxAt(object.firstFrame) },
    { frame: object.lastFrame, box: object.boxAt(object.lastFrame) },
  ];
}

/** The frame the object's track goes outside (the cut after its shot), or null when its shot runs to the end of the clip. */
export function outsideFrameOf(clip: RealClip, object: ClipObject): number | null {
  return object.lastFrame < clip.frameCount - 1 ? object.lastFrame + 1 : null;
}

/** A drift that grows linearly: `pxPerFrame` to the right per frame since the track's first keyframe. */
export interface Drift {
  className: string;
  pxPerFrame: number;
}

function trackOf(clip: RealClip, object: ClipObject, drift: Drift | undefined): CanonicalTrack {
  const shift = (frame: number) => (drift?.className === object.className ? drift.pxPerFrame * (frame - object.firstFrame) : 0);
  const keyframes: CanonicalKeyframe[] = keyframesOf(object).map((k) => ({ frame: k.frame, box: { ...k.box, x: k.box.x + shift(k.frame) } }));
  const outside = outsideFrameOf(clip, object);
  if (outside !== null) keyframes.push({ frame: outside, box: keyframes[keyframes.length - 1]!.box, outside: true });
  return { className: object.className, keyframes };
}

/**
 * One annotator's labels of `clip`: a track per object (keyframes on its
 * first and last frame, outside from the cut after its shot), the shots as
 * segments with their tags. `drift` makes one class's track slide off its
 * object; `retag` replaces the tags of the shot starting at that frame.
 */
export function clipLabels(clip: RealClip, options: { drift?: Drift; retag?: { startFrame: number; tag: string } } = {}): CanonicalVideoLabels {
  return {
    frameCount: clip.frameCount,
    tracks: clip.objects.map((o) => trackOf(clip, o, options.drift)),
    frameTags: [],
    segments: clip.segments.map((s) => ({ startFrame: s.startFrame, endFrame: s.endFrame, tags: [options.retag?.startFrame === s.startFrame ? options.retag.tag : s.tag] })),
  };
}
