import { cocoVideoFormat } from './cocoVideo';
import { cvatVideoFormat } from './cvatVideo';
import { motFormat } from './mot';
import type { VideoAnnotationFormat, VideoFormatId } from './types';
import type { FormatFile } from '../types';

/** Every video annotation format by id, in menu order. */
export const videoFormats: Record<VideoFormatId, VideoAnnotationFormat> = {
  mot: motFormat,
  'cvat-video': cvatVideoFormat,
  'coco-video': cocoVideoFormat,
};

export const videoFormatIds = Object.keys(videoFormats) as VideoFormatId[];

/** The format a set of import files is in, by its tell-tale file; null when none fits. */
export function detectVideoFormat(files: readonly FormatFile[]): VideoFormatId | null {
  const paths = files.map((f) => f.path.toLowerCase());
  if (paths.some((p) => p === 'gt.txt' || p.endsWith('/gt.txt'))) return 'mot';
  if (paths.some((p) => p.endsWith('.xml'))) return 'cvat-video';
  if (paths.some((p) => p.endsWith('.json'))) return 'coco-video';
  return null;
}

export { frameFileName } from './cocoVideo';
export { MOT_GT_FILE, MOT_LABELS_FILE } from './mot';
export { CVAT_VIDEO_FILE } from './cvatVideo';
export { COCO_VIDEO_FILE } from './cocoVideo';
export { TAGS_FILE } from './tagsFile';
export { fromVideoDataset, toVideoDataset, videoDescription, videoImportContext, type FromVideoDatasetResult, type VideoLabels } from './videoMapping';
export type {
  VideoAnnotationFormat,
  VideoDataset,
  VideoDescription,
  VideoFormatId,
  VideoFrameTag,
  VideoImportContext,
  VideoKeyframe,
  VideoSegment,
  VideoShape,
  VideoTrack,
} from './types';
