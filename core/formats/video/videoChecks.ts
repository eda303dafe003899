import type { Box } from '../../model/shape';
import { FormatError } from '../formatError';
import { checkImageSize, importedBox } from '../shared/importChecks';
import type { VideoDescription } from './types';

/** A frame index read from a file (already converted to 0-based) must name a frame of the video. */
export function checkFrame(file: string, location: string, frame: number, video: VideoDescription, shownAs = frame): number {
  if (!Number.isInteger(frame)) throw new FormatError(file, location, `frame ${shownAs} is not a whole number`);
  if (frame < 0 || frame >= video.frameCount) {
    throw new FormatError(file, location, `frame ${shownAs} is outside the video "${video.fileName}" (${video.frameCount} frames)`);
  }
  return frame;
}

/** A box checked against the video's frame size, clamped and rounded like image imports. */
export function videoBox(file: string, location: string, box: Box, video: VideoDescription): Box {
  return importedBox(file, location, box, video);
}

/** A file that states the frame size must agree with the video: its boxes would be scaled wrongly otherwise. */
export function checkVideoSize(file: string, location: string, video: VideoDescription, width: number | undefined, height: number | undefined): void {
  checkImageSize(file, location, video, width, height);
}
