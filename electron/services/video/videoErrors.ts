import path from 'node:path';
import { ServiceError } from '../../common/contract/errors';
import { isVideoError } from '../../../native/video';

/** A video the engine refused (not a video, truncated, audio-only…); `details.code` is the engine's VideoErrorCode. */
export class VideoServiceError extends ServiceError {
  override name = 'VideoError';
}

/**
 * An engine message as the renderer should read it: the renderer knows the
 * file by its path in the media folder, while the engine names it by its
 * absolute path or its bare file name (ambiguous across folders).
 */
export function namedByRelPath(message: string, file: string, relPath: string): string {
  const renamed = message.split(file).join(relPath);
  if (renamed.includes(relPath)) return renamed;
  const base = path.basename(file);
  const at = renamed.indexOf(base);
  return at < 0 ? renamed : renamed.slice(0, at) + relPath + renamed.slice(at + base.length);
}

/** The engine's error for the renderer (see namedByRelPath); errors that are not the engine's pass through unchanged. */
export function forRenderer(error: unknown, file: string, relPath: string): unknown {
  if (!isVideoError(error)) return error;
  return new VideoServiceError(namedByRelPath(error.message, file, relPath), { code: error.code });
}
