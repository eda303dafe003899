import { FormatError } from '../formatError';
import { checkImageSize } from '../shared/importChecks';
import type { VideoDescription } from './types';

/** A frame index read from a file (already converted to 0-based) must name a frame of the video. */
export function checkFrame(file: string, location: string, frame: number, video: VideoDescription, shownAs = frame): number {
  if (!Number.isInteger(frame)) throw new FormatError(file, location, `frame ${shownAs} is not a whole number`);
  if (frame < 0 || frame >= video.frameCount) {
    throw new FormatError(file, location, `frame ${shownAs} is outside the video "${video.fileName}" (${video.frameCount} frames)`);
  }
  return frame;
}

/** How box messages name the frame (boxPolicy.ts acceptBox): the video's file name is the item, so the size says more. */
export const frameName = (video: VideoDescription): string => `the ${video.width}×${video.height} frame`;

/** A file that states the frame size must agree with the video: its boxes would be scaled wrongly otherwise. */
export function checkVideoSize(file: string, location: string, video: VideoDescription, width: number | undefined, height: number | undefined): void {
  checkImageSize(file, location, video, width, height);
}
