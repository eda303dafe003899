import type { ShapeCommitter } from '../../document/shapeCommitter';
import type { VideoState } from '../../document/videoChange';

/**
 * The store side of a video item: shapes (boxes carrying `frame`) plus
 * tracks, frame tags and segments, all in one undo history. A commit's
 * `video` part lands in the same undo step as its shape part.
 */
export interface VideoCommitter extends ShapeCommitter {
  /** Identity changes whenever tracks, tags or segments change. */
  getVideo(): VideoState;
}

/** How a box on the current frame relates to its track, for drawing and the timeline. */
export interface TrackFrameInfo {
  trackId: string;
  /** The frame is one of the track's keyframes (drawn solid); otherwise the box is interpolated (drawn dashed). */
  keyframe: boolean;
  outside: boolean;
}
