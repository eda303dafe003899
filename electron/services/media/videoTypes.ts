import path from 'node:path';

/** The video containers Groundwork opens (by extension); ffprobe decides whether the content really is video. */
const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/x-m4v',
  '.mov': 'video/quicktime',
  '.mkv': 'video/x-matroska',
  '.webm': 'video/webm',
  '.avi': 'video/x-msvideo',
};

export function videoMimeOf(file: string): string | null {
  return MIME_BY_EXTENSION[path.extname(file).toLowerCase()] ?? null;
}

export function isVideoFile(file: string): boolean {
  return videoMimeOf(file) !== null;
}
