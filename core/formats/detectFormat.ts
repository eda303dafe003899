import type { FormatError } from './formatError';
import { otherImporterReason } from './importerMismatch';
import type { AnnotationFormat, FormatFile } from './types';

export type FormatId = AnnotationFormat['id'];

/** Enough of a file to see its root element or first keys; a 50 MB file is never parsed just to be recognised. */
const HEAD_CHARS = 64 * 1024;

/**
 * Whether a JSON text has `"key":` somewhere: first in its head, then in the
 * whole text (a native regex scan allocates nothing, unlike JSON.parse).
 * LabelMe writes imagePath after the shapes, which may be megabytes.
 */
function hasKey(text: string, key: string): boolean {
  const pattern = new RegExp(`"${key}"\\s*:`);
  return pattern.test(text.slice(0, HEAD_CHARS)) || (text.length > HEAD_CHARS && pattern.test(text));
}

function jsonFormat(file: FormatFile): FormatId | null {
  const text = file.content;
  const head = text.slice(0, HEAD_CHARS);
  // Label Studio exports a list of tasks, each with its "data".
  if (/^\s*\[/.test(head.replace(/^\uFEFF/, ''))) return hasKey(text, 'data') ? 'labelstudio' : null;
  // LabelMe: one object per image with its shapes and the image's path.
  if (/"shapes"\s*:\s*\[/.test(head) && hasKey(text, 'imagePath')) return 'labelme';
  // Datumaro: annotations/<subset>.json with items and categories (its items hold "image", never "images").
  if (/(^|\/)annotations\/[^/]+\.json$/i.test(file.path) && hasKey(text, 'items') && hasKey(text, 'categories')) return 'datumaro';
  if (hasKey(text, 'images') && hasKey(text, 'annotations')) return 'coco';
  return null;
}

/**
 * Guesses the format of a bundle of files from their names and a glance at
 * their content; null when nothing fits. Import still validates everything.
 * Files of the video importer are not told apart here: see
 * detectFormatOrReason.
 */
export function detectFormat(files: readonly FormatFile[]): FormatId | null {
  const lower = (f: FormatFile) => f.path.toLowerCase();
  const xmlHeads = files.filter((f) => lower(f).endsWith('.xml')).map((f) => f.content.slice(0, HEAD_CHARS));
  if (xmlHeads.some((head) => /<annotations[\s>]/.test(head))) return 'cvat';
  if (xmlHeads.some((head) => /<annotation[\s>]/.test(head))) return 'voc';
  if (files.some((f) => /(^|\/)(data\.ya?ml|classes\.txt)$/.test(lower(f)) || /(^|\/)labels\/.*\.txt$/.test(lower(f)))) return 'yolo';
  for (const f of files.filter((f) => lower(f).endsWith('.json'))) {
    const format = jsonFormat(f);
    if (format) return format;
  }
  return null;
}

/**
 * What Import labels should do with these files: import them as `format`;
 * refuse them with `reason` because they belong to the video importer (a
 * CVAT for video XML, MOT gt.txt, COCO per video frame), which says where
 * to take them instead; or null when no format fits.
 */
export function detectFormatOrReason(files: readonly FormatFile[]): { format: FormatId } | { reason: FormatError } | null {
  const reason = otherImporterReason(files, 'image');
  if (reason) return { reason };
  const format = detectFormat(files);
  return format ? { format } : null;
}
