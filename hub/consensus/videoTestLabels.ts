import type { CanonicalShape } from '../../core/sync/canonicalLabels';
import type { CanonicalVideoLabels } from '../../core/sync/canonicalVideo';

/** Video labels for hub tests of consensus, disputes, verdicts and payouts: one 100-frame clip, labeled as three annotators might. */

export const CLIP = { frameCount: 100, fps: 25, width: 640, height: 480 };

export interface VideoItemLabels {
  shapes: CanonicalShape[];
  video: CanonicalVideoLabels;
}

/**
 * A car crossing the frame (one track, two keyframes), a person tag on
 * frames 10–30, two shots, and one single-frame box. `drift`: the car's
 * track slides down off the car (its last keyframe 190 px lower), so it
 * overlaps the true track only over the first frames. `shotTags`: the two
 * shots' tags (default car, then person).
 */
export function clipLabels(opts: { drift?: boolean; shotTags?: [string[], string[]] } = {}): VideoItemLabels {
  const [first, second] = opts.shotTags ?? [['car'], ['person']];
  return {
    shapes: [{ className: 'person', box: { x: 400, y: 300, w: 30, h: 60 }, frame: 50 }],
    video: {
      frameCount: CLIP.frameCount,
      tracks: [
        {
          className: 'car',
          keyframes: [
            { frame: 0, box: { x: 10, y: 10, w: 50, h: 40 } },
            { frame: 99, box: { x: 200, y: opts.drift ? 200 : 10, w: 50, h: 40 } },
          ],
        },
      ],
      frameTags: [{ className: 'person', startFrame: 10, endFrame: 30 }],
      segments: [
        { startFrame: 0, endFrame: 49, tags: first },
        { startFrame: 50, endFrame: 99, tags: second },
      ],
    },
  };
}

/** A video task item as POST /tasks takes it. */
export const clipItem = (sha256: string, i: number) => ({ sha256, fileName: `clip${i}.mp4`, width: CLIP.width, height: CLIP.height, video: { frameCount: CLIP.frameCount, fps: CLIP.fps } });

/**
 * Two clips labeled by three annotators (labelTask's `labelsFor`). Clip 0:
 * annotators 0 and 1 agree, annotator 2's track drifts → accepted, 2 is
 * outvoted. Clip 1: tracks and tags agree, but annotator 1 swaps the shots'
 * tags → segments disputed; 0 and 2 agree with each other.
 */
export function twoClips(annotator: number, clip: number): VideoItemLabels {
  if (clip === 0) return clipLabels({ drift: annotator === 2 });
  return clipLabels(annotator === 1 ? { shotTags: [['person'], ['car']] } : {});
}
