import type { AttributeValue } from '../../model/labelSchema';
import type { Box } from '../../model/shape';
import type { FormatFile, ImportOptions, ImportResult } from '../types';

/**
 * The exchange form of one video's labels, independent of the store's
 * records like `LabelDataset` is for images: class names, frames by index
 * (0-based), tracks as keyframes (interpolated in between, see
 * core/video/interpolate.ts) and plain boxes on single frames.
 */
export interface VideoKeyframe {
  frame: number;
  box: Box;
  outside: boolean;
  /**
   * Per-frame flags the file carries: `occluded` (CVAT), `visibility`
   * (MOT's 0..1 visible ratio). Absent when there are none.
   */
  attributes?: Record<string, AttributeValue>;
}

export interface VideoTrack {
  className: string;
  /** Sorted by frame, unique frames, starting with an inside keyframe. */
  keyframes: VideoKeyframe[];
}

export interface VideoShape {
  frame: number;
  className: string;
  box: Box;
  attributes?: Record<string, AttributeValue>;
}

/** A frame tag: class `className` on frames startFrame..endFrame inclusive (one frame when equal). */
export interface VideoFrameTag {
  className: string;
  startFrame: number;
  endFrame: number;
}

/** A shot segment with its free-text tags; segments are contiguous and cover the whole video. */
export interface VideoSegment {
  startFrame: number;
  /** Inclusive. */
  endFrame: number;
  tags: string[];
}

export interface VideoDescription {
  /** Path of the video relative to the media root, forward slashes. */
  fileName: string;
  width: number;
  height: number;
  frameCount: number;
}

export interface VideoDataset {
  /** Class names in canonical order (MOT and COCO class ids are 1 + the index). */
  classes: string[];
  video: VideoDescription;
  tracks: VideoTrack[];
  shapes: VideoShape[];
  /** Frame and range tags (classification of frames). */
  frameTags: VideoFrameTag[];
  /** Shot segments; empty when the video was never cut into shots (import then leaves the item's segments alone). */
  segments: VideoSegment[];
}

/** What import checks against: the video the labels are for, and the project's classes for files that only carry class ids. */
export interface VideoImportContext {
  video: VideoDescription;
  classes: string[];
}

export type VideoFormatId = 'mot' | 'cvat-video' | 'coco-video';

export interface VideoAnnotationFormat {
  id: VideoFormatId;
  label: string;
  exportDataset(dataset: VideoDataset): FormatFile[];
  /** Throws FormatError (up to MAX_PROBLEMS problems) when the file is wrong; never returns a partial dataset. Skips and clamps are warnings. */
  importDataset(files: FormatFile[], context: VideoImportContext, options?: ImportOptions): ImportResult<VideoDataset>;
}
