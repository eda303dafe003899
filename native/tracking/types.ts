import type { Box } from '../../core/model/shape';

/** One detector output on a sampled frame (e.g. a native/inference `Prediction`). */
export interface Detection {
  className: string;
  box: Box;
  score: number;
}

/** Everything the detector found on one sampled frame. Rounds must arrive in ascending frame order. */
export interface DetectionRound {
  frame: number;
  detections: Detection[];
}

export interface TrackerOptions {
  /** Gate: a detection may continue a track only if IoU(predicted box, detection) ≥ this. Default 0.3. */
  minIoU?: number;
  /** A track ends after this many consecutive rounds without a matching detection. Default 2. */
  maxMissed?: number;
  /** Only detections of the track's class continue it. Default true. */
  classAware?: boolean;
  /** Tracks with fewer detections are dropped from the result (1 = every detection starts a kept track). Default 1. */
  minDetections?: number;
}

export interface TrackedKeyframe {
  frame: number;
  box: Box;
  score: number;
}

/** Shape-compatible with `AutoTrackResultSchema` (electron/common/services/videoService.ts), plus `endFrame`. */
export interface TrackerTrack {
  className: string;
  /** One per detection, ascending frames. */
  keyframes: TrackedKeyframe[];
  /**
   * The first sampled frame on which the track was missed for good (it
   * ended, or was not seen again before the last round): where an outside
   * keyframe belongs. Absent when the track was seen on the last round.
   */
  endFrame?: number;
}

export interface TrackerResult {
  tracks: TrackerTrack[];
}
