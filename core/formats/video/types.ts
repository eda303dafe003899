import type { Box } from '../../model/shape';
import type { FormatFile } from '../types';

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
  /** Throws FormatError on the first problem; never returns a partial dataset. */
  importDataset(files: FormatFile[], context: VideoImportContext): VideoDataset;
}
