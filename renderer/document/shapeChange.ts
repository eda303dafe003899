import type { Shape } from '../../core/model/shape';
import { isEmptyVideoChange, type VideoChange } from './videoChange';

/** One step of a document: shapes put or removed, and for video items the video part of the same step. */
export interface ShapeChange {
  /** Shapes created or updated, in their new state. */
  put: Shape[];
  /** Ids removed. */
  remove: string[];
  /** Video items: track, frame-tag and segment changes made in the same step (one gesture = one undo step). */
  video?: VideoChange;
}

export function isEmptyChange(change: ShapeChange): boolean {
  return change.put.length === 0 && change.remove.length === 0 && isEmptyVideoChange(change.video);
}
