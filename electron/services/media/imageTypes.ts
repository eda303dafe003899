import path from 'node:path';

/** The image types Groundwork reads (by extension); the browser displays all of them. */
const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
};

export function imageMimeOf(file: string): string | null {
  return MIME_BY_EXTENSION[path.extname(file).toLowerCase()] ?? null;
}

export function isImageFile(file: string): boolean {
  return imageMimeOf(file) !== null;
}

/** Largest image the host will read or serve; protects memory and the WebSocket. */
export const MAX_IMAGE_BYTES = 256 * 1024 * 1024;
