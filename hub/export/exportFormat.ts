import type { FormatId } from '../../core/formats';
import { videoFormatIds, type VideoFormatId } from '../../core/formats/video';
import { isVideoFormat, type ExportFormatId } from '../../core/verify/exportFiles';
import { badRequest } from '../http/hubError';

/**
 * The export route's `format` for a video task: the image formats that have
 * a video form name it (COCO → COCO per frame, CVAT → CVAT for video), and
 * the video formats name themselves (`mot`, `cvat-video`, `coco-video`).
 */
const VIDEO_FORM: Partial<Record<ExportFormatId, VideoFormatId>> = { coco: 'coco-video', cvat: 'cvat-video', mot: 'mot', 'cvat-video': 'cvat-video', 'coco-video': 'coco-video' };

const VIDEO_CHOICES = 'mot (MOT gt.txt), cvat or cvat-video (CVAT for video 1.1), coco or coco-video (COCO per frame)';

/**
 * The format a task is written in, or 400 `format_not_for_task` naming the
 * formats that fit: a video task's items have tracks, frame tags and
 * segments, which YOLO, VOC, Label Studio and the other image formats have
 * no place for; an image task has no frames for a video format.
 */
export function exportFormatFor(requested: ExportFormatId, kind: 'image' | 'video'): ExportFormatId {
  if (kind === 'video') {
    const format = VIDEO_FORM[requested];
    if (!format) throw badRequest('format_not_for_task', `the task's items are videos, and ${requested} is an image format without tracks, frame tags or segments: export a video task as ${VIDEO_CHOICES}`);
    return format;
  }
  if (isVideoFormat(requested)) throw badRequest('format_not_for_task', `the task's items are images, and ${requested} is a video format (one of ${videoFormatIds.join(', ')}): export an image task in an image format`);
  return requested as FormatId;
}
