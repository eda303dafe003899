import { FormatError } from './formatError';
import type { FormatFile } from './types';

/** Which import a file belongs to: the image project's Import labels, or a video's Video labels panel. */
export type ImporterSide = 'image' | 'video';

/**
 * The whole text is searched, not its head: CVAT's COCO export of a video
 * names track_id only in its annotations, after one images row per frame,
 * and a CVAT XML's labels can run long before its first <track>. Each test
 * is a regex scan that stops at its first match (tens of ms on 50 MB).
 */

const isXml = (f: FormatFile) => f.path.toLowerCase().endsWith('.xml');
const isJson = (f: FormatFile) => f.path.toLowerCase().endsWith('.json');
const isMotGt = (f: FormatFile) => /(^|\/)gt\.txt$/i.test(f.path);

/** CVAT XML of a video task: <track> elements, or <mode>interpolation</mode> in its meta. */
function looksLikeCvatVideo(text: string): boolean {
  return /<annotations[\s>]/.test(text) && (/<track[\s>]/.test(text) || /<mode>\s*interpolation\s*<\/mode>/.test(text)) && !/<image[\s>]/.test(text);
}

/** CVAT XML of an image task: <image> elements, or <mode>annotation</mode>. */
function looksLikeCvatImages(text: string): boolean {
  return /<annotations[\s>]/.test(text) && (/<image[\s>]/.test(text) || /<mode>\s*annotation\s*<\/mode>/.test(text)) && !/<track[\s>]/.test(text);
}

/**
 * COCO written per video frame: a "videos" list, images carrying frame_id /
 * video_id, or annotations carrying track_id (CVAT's COCO export of a video
 * task has only the last).
 */
function looksLikeCocoVideo(text: string): boolean {
  return /"videos"\s*:/.test(text) || /"(frame_id|video_id|track_id)"\s*:/.test(text);
}

/** The first line of MOT ground truth: 9 or 10 comma-separated numbers. */
function looksLikeMotLine(text: string): boolean {
  const first = text.slice(0, 4096).split(/\r?\n/, 1)[0]?.trim() ?? '';
  const cells = first.split(',');
  return (cells.length === 9 || cells.length === 10) && cells.every((c) => c.trim() !== '' && Number.isFinite(Number(c)));
}

const VIDEO_PANEL = 'open the video and use Video labels → Import in its side panel';
const IMAGE_DIALOG = "use Import labels in the project's toolbar (image formats)";

/**
 * The reason these files belong to the other importer, or null. Checked
 * before parsing, so a CVAT video XML given to the CVAT image importer (or
 * the reverse) fails with the importer to use instead of importing
 * "0 images, 0 boxes".
 */
export function otherImporterReason(files: readonly FormatFile[], side: ImporterSide): FormatError | null {
  for (const file of files) {
    const text = file.content;
    if (side === 'image') {
      if (isXml(file) && looksLikeCvatVideo(text)) return new FormatError(file.path, '', `this is a CVAT for video file (it has <track> elements and no <image>): ${VIDEO_PANEL}`);
      if (isJson(file) && looksLikeCocoVideo(text)) return new FormatError(file.path, '', `this is COCO written per video frame (it has videos, frame_id or track_id): ${VIDEO_PANEL}`);
      if (isMotGt(file) || (file.path.toLowerCase().endsWith('.txt') && looksLikeMotLine(text))) {
        return new FormatError(file.path, '', `this is MOT ground truth (frame,id,x,y,w,h,… lines): ${VIDEO_PANEL}`);
      }
    } else {
      if (isXml(file) && looksLikeCvatImages(text)) return new FormatError(file.path, '', `this is a CVAT for images file (it has <image> elements and no <track>): ${IMAGE_DIALOG}`);
      if (isXml(file) && /<annotation[\s>]/.test(text) && !/<annotations[\s>]/.test(text)) return new FormatError(file.path, '', `this is a Pascal VOC file: ${IMAGE_DIALOG}`);
      if (isJson(file) && /"images"\s*:/.test(text) && /"annotations"\s*:/.test(text) && !looksLikeCocoVideo(text)) {
        return new FormatError(file.path, '', `this is COCO for images (no videos, frame_id or track_id): ${IMAGE_DIALOG}`);
      }
      if (/(^|\/)data\.ya?ml$/i.test(file.path)) return new FormatError(file.path, '', `this is a YOLO dataset: ${IMAGE_DIALOG}`);
    }
  }
  return null;
}

/** Throws the other importer's reason, if any. */
export function refuseOtherImporter(files: readonly FormatFile[], side: ImporterSide): void {
  const reason = otherImporterReason(files, side);
  if (reason) throw reason;
}
