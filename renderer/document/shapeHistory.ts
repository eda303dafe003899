import type { Shape } from '../../core/model/shape';
import { DocumentHistory } from './documentHistory';
import type { HistoryEntry } from './undoStack';
import { EMPTY_VIDEO, recordsOfVideo, type VideoState } from './videoChange';

/**
 * The DocumentHistory built from shapes and a VideoState (the form the
 * committers load): one history over shapes, tracks, frame tags and shots.
 */
export class ShapeHistory extends DocumentHistory {
  constructor(shapes: readonly Shape[] = [], entries: readonly HistoryEntry[] = [], video: VideoState = EMPTY_VIDEO) {
    super({ ...recordsOfVideo(video), shape: shapes }, entries);
  }
}
