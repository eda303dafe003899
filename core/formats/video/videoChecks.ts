import { clampBox, isInside } from '../../geometry/box';
import type { Box } from '../../model/shape';
import { FormatError } from '../formatError';
import type { WarningCollector } from '../importWarnings';
import { checkImageSize, OUTSIDE_TOLERANCE_PX } from '../shared/importChecks';
import { round2 } from '../shared/numbers';
import type { VideoDescription } from './types';

/** A frame index read from a file (already converted to 0-based) must name a frame of the video. */
export function checkFrame(file: string, location: string, frame: number, video: VideoDescription, shownAs = frame): number {
  if (!Number.isInteger(frame)) throw new FormatError(file, location, `frame ${shownAs} is not a whole number`);
  if (frame < 0 || frame >= video.frameCount) {
    throw new FormatError(file, location, `frame ${shownAs} is outside the video "${video.fileName}" (${video.frameCount} frames)`);
  }
  return frame;
}

const shown = (b: Box) => `x ${round2(b.x)}, y ${round2(b.y)}, w ${round2(b.w)}, h ${round2(b.h)}`;

/** True when no part of the box is on the frame (a box touching an edge from outside shows nothing either). */
function whollyOutside(box: Box, video: VideoDescription): boolean {
  return box.x >= video.width || box.y >= video.height || box.x + box.w <= 0 || box.y + box.h <= 0;
}

/**
 * A box read from a file, fitted to the video's frame. Trackers and MOT
 * ground truth routinely run boxes past the frame edge (a pedestrian
 * walking out of view), so a box partly outside is clamped and counted as
 * 'box-clamped' (rounding slop under OUTSIDE_TOLERANCE_PX is clamped
 * silently); a box wholly outside is skipped as 'box-outside' and null is
 * returned. Coordinates that are not numbers or a negative size are errors.
 */
export function frameBox(file: string, location: string, box: Box, video: VideoDescription, warnings: WarningCollector): Box | null {
  if (![box.x, box.y, box.w, box.h].every(Number.isFinite)) throw new FormatError(file, location, 'box coordinates are not numbers');
  if (box.w < 0 || box.h < 0) throw new FormatError(file, location, `negative box size (width ${round2(box.w)}, height ${round2(box.h)})`);
  if (whollyOutside(box, video)) {
    warnings.add('box-outside', file, location, `box (${shown(box)}) lies wholly outside the ${video.width}×${video.height} frame: skipped`);
    return null;
  }
  const c = clampBox(box, video.width, video.height);
  const fitted = { x: round2(c.x), y: round2(c.y), w: round2(c.w), h: round2(c.h) };
  if (!isInside(box, video.width, video.height, OUTSIDE_TOLERANCE_PX)) {
    warnings.add('box-clamped', file, location, `box (${shown(box)}) runs past the ${video.width}×${video.height} frame: clamped to (${shown(fitted)})`);
  }
  return fitted;
}

/** A file that states the frame size must agree with the video: its boxes would be scaled wrongly otherwise. */
export function checkVideoSize(file: string, location: string, video: VideoDescription, width: number | undefined, height: number | undefined): void {
  checkImageSize(file, location, video, width, height);
}
