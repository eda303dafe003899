import { iou } from '../../core/geometry/box';
import { hungarian } from '../../core/geometry/hungarian';
import type { Box } from '../../core/model/shape';
import { STILL, predictBox, velocityBetween, type BoxVelocity } from './motion';
import type { Detection, DetectionRound, TrackedKeyframe, TrackerOptions, TrackerResult, TrackerTrack } from './types';

interface LiveTrack {
  className: string;
  keyframes: TrackedKeyframe[];
  velocity: BoxVelocity;
  missed: number;
  endFrame?: number;
}

/**
 * Links per-frame detections into tracks (SORT-like, without a Kalman
 * filter): each live track's box is predicted on the new frame at constant
 * velocity, detections are assigned to tracks by Hungarian on
 * cost = 1 − IoU(predicted, detection) (class must match, IoU gated),
 * unmatched detections start tracks, and a track missed `maxMissed` rounds
 * in a row ends. Feed rounds with `update` as the detector produces them
 * (so a job can report progress and stop early), then call `result`.
 */
export class IouTracker {
  private readonly minIoU: number;
  private readonly maxMissed: number;
  private readonly classAware: boolean;
  private readonly minDetections: number;
  private readonly live: LiveTrack[] = [];
  private readonly all: LiveTrack[] = [];
  private lastFrame = -1;

  constructor(options: TrackerOptions = {}) {
    this.minIoU = options.minIoU ?? 0.3;
    this.maxMissed = options.maxMissed ?? 2;
    this.classAware = options.classAware ?? true;
    this.minDetections = options.minDetections ?? 1;
    if (!(this.minIoU >= 0 && this.minIoU <= 1)) throw new Error(`minIoU must be within 0..1, got ${this.minIoU}`);
    if (!Number.isInteger(this.maxMissed) || this.maxMissed < 1) throw new Error(`maxMissed must be an integer ≥ 1, got ${this.maxMissed}`);
  }

  update(round: DetectionRound): void {
    const { frame, detections } = round;
    if (!Number.isInteger(frame) || frame < 0) throw new Error(`detection round frame must be a non-negative integer, got ${frame}`);
    if (frame <= this.lastFrame) throw new Error(`detection rounds must come in ascending frame order: ${frame} after ${this.lastFrame}`);
    this.lastFrame = frame;

    const cost = this.live.map((t) => {
      const last = lastKeyframe(t);
      const predicted = predictBox(last.box, t.velocity, last.frame, frame);
      return detections.map((d) => this.cost(t, predicted, d));
    });
    const { assignment } = hungarian(cost);

    const taken = new Set<number>();
    const survivors: LiveTrack[] = [];
    this.live.forEach((track, i) => {
      const j = assignment[i] ?? -1;
      if (j >= 0) {
        taken.add(j);
        this.extend(track, frame, detections[j]!);
        survivors.push(track);
        return;
      }
      track.missed += 1;
      if (track.missed === 1) track.endFrame = frame;
      if (track.missed < this.maxMissed) survivors.push(track);
    });
    detections.forEach((d, j) => {
      if (taken.has(j)) return;
      const born: LiveTrack = { className: d.className, keyframes: [keyframeOf(frame, d)], velocity: STILL, missed: 0 };
      survivors.push(born);
      this.all.push(born);
    });
    this.live.splice(0, this.live.length, ...survivors);
  }

  /** Tracks in order of birth; a track seen on the last round has no `endFrame`. */
  result(): TrackerResult {
    const tracks: TrackerTrack[] = this.all
      .filter((t) => t.keyframes.length >= this.minDetections)
      .map((t) => {
        const out: TrackerTrack = { className: t.className, keyframes: t.keyframes.map((k) => ({ ...k, box: { ...k.box } })) };
        // Set for ended tracks and for tracks missing in the last rounds: in both the object was not seen from there on.
        if (t.endFrame !== undefined) out.endFrame = t.endFrame;
        return out;
      });
    return { tracks };
  }

  private cost(track: LiveTrack, predicted: Box, detection: Detection): number {
    if (this.classAware && track.className !== detection.className) return Infinity;
    const overlap = iou(predicted, detection.box);
    return overlap >= this.minIoU && overlap > 0 ? 1 - overlap : Infinity;
  }

  private extend(track: LiveTrack, frame: number, detection: Detection): void {
    const last = lastKeyframe(track);
    track.velocity = velocityBetween(last.box, last.frame, detection.box, frame);
    track.keyframes.push(keyframeOf(frame, detection));
    track.missed = 0;
    track.endFrame = undefined;
  }
}

/** Every track is born with a keyframe, so there always is a last one. */
function lastKeyframe(track: LiveTrack): TrackedKeyframe {
  return track.keyframes[track.keyframes.length - 1]!;
}

function keyframeOf(frame: number, d: Detection): TrackedKeyframe {
  // The result schema bounds scores to 0..1; detectors occasionally round past it.
  return { frame, box: { ...d.box }, score: Math.min(1, Math.max(0, d.score)) };
}

/** All rounds at once (ascending frames). */
export function trackDetections(rounds: readonly DetectionRound[], options: TrackerOptions = {}): TrackerResult {
  const tracker = new IouTracker(options);
  for (const round of rounds) tracker.update(round);
  return tracker.result();
}
