/** Why a video operation failed; `code` is stable for programs, `message` is written for the user. */
export type VideoErrorCode =
  | 'not-found'
  | 'not-video'
  | 'no-video-stream'
  | 'truncated'
  | 'zero-frames'
  | 'frame-out-of-range'
  | 'binary-unavailable'
  | 'ffmpeg-failed'
  | 'cancelled'
  | 'closed';

export class VideoError extends Error {
  override name = 'VideoError';
  constructor(
    readonly code: VideoErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isVideoError(error: unknown, code?: VideoErrorCode): error is VideoError {
  return error instanceof VideoError && (code === undefined || error.code === code);
}
