import { clampBox } from '../../geometry/box';
import type { Box } from '../../model/shape';
import { boxAtFrame, visibleRanges } from '../../video/interpolate';
import { round2 } from '../shared/numbers';
import { flagsAtFrame, type FrameFlags } from './frameFlags';
import type { VideoDataset } from './types';

/** One box on one frame as written by the per-frame formats (MOT, COCO). */
export interface FrameRow {
  /** 1..n: tracks in dataset order, then each plain box as its own object. */
  objectId: number;
  /** Null for a plain box. */
  trackIndex: number | null;
  frame: number;
  className: string;
  /** Clamped into the frame and rounded to 1/100 px. */
  box: Box;
  keyframe: boolean;
  /** The box's flags on this frame (a track's are those of the keyframe before, see frameFlags.ts). */
  attributes?: FrameFlags;
}

function exportedBox(box: Box, width: number, height: number): Box {
  const c = clampBox(box, width, height);
  return { x: round2(c.x), y: round2(c.y), w: round2(c.w), h: round2(c.h) };
}

/**
 * Every frame on which something is visible, expanded from keyframes: one
 * row per track and visible frame (interpolated), then the plain boxes by
 * frame. Sorted by object id, then frame, so exports are deterministic.
 */
export function frameRows(dataset: VideoDataset): FrameRow[] {
  const { width, height, frameCount } = dataset.video;
  const rows: FrameRow[] = [];
  dataset.tracks.forEach((track, trackIndex) => {
    for (const [start, end] of visibleRanges(track, frameCount)) {
      for (let frame = start; frame <= end; frame++) {
        const at = boxAtFrame(track, frame)!;
        const attributes = flagsAtFrame(track.keyframes, frame);
        rows.push({ objectId: trackIndex + 1, trackIndex, frame, className: track.className, box: exportedBox(at.box, width, height), keyframe: at.keyframe, ...(attributes ? { attributes } : {}) });
      }
    }
  });
  const shapes = [...dataset.shapes].sort((a, b) => a.frame - b.frame);
  shapes.forEach((shape, i) => {
    if (shape.frame >= frameCount) throw new Error(`a "${shape.className}" box is on frame ${shape.frame}, past the end of the video (${frameCount} frames)`);
    rows.push({
      objectId: dataset.tracks.length + i + 1,
      trackIndex: null,
      frame: shape.frame,
      className: shape.className,
      box: exportedBox(shape.box, width, height),
      keyframe: true,
      ...(shape.attributes ? { attributes: shape.attributes } : {}),
    });
  });
  return rows;
}
