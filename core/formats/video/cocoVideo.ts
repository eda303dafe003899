import { z } from 'zod';
import { CocoFileSchema } from '../coco';
import { FormatError } from '../formatError';
import { singleFile } from '../shared/importChecks';
import { parseJsonFile, parseJsonStructure } from '../shared/jsonFile';
import { round2 } from '../shared/numbers';
import { stripExtension } from '../shared/paths';
import type { FormatFile } from '../types';
import { frameRows } from './frameRows';
import { objectFromObservations, type Observation } from './observations';
import type { VideoAnnotationFormat, VideoDataset, VideoImportContext, VideoShape, VideoTrack } from './types';
import { checkFrame, checkVideoSize, videoBox } from './videoChecks';

/**
 * COCO with one image per video frame, as CVAT exports a video task:
 * images are the frames that carry boxes, named `<video without
 * extension>/frame_000010.jpg`, with `frame_id` (0-based frame index) and
 * `video_id`; annotations of a track carry `attributes.track_id` (1..n,
 * tracks in order) and `attributes.keyframe`; plain boxes have no track_id.
 * Import takes the frame from `frame_id`, else from a `frame_N` file name,
 * and trusts `keyframe` flags when present.
 */
export const COCO_VIDEO_FILE = 'annotations.json';

export function frameFileName(videoFileName: string, frame: number): string {
  return `${stripExtension(videoFileName)}/frame_${String(frame).padStart(6, '0')}.jpg`;
}

/** Plain COCO plus the frame index of each image; track ids and keyframe flags live in the annotations' attributes. */
const CocoVideoSchema = CocoFileSchema.extend({
  images: z.array(CocoFileSchema.shape.images.element.extend({ frame_id: z.number().optional() })),
});

function exportCocoVideo(dataset: VideoDataset): FormatFile[] {
  const { video } = dataset;
  const rows = frameRows(dataset);
  const frames = [...new Set(rows.map((r) => r.frame))].sort((a, b) => a - b);
  const imageId = new Map(frames.map((f, i) => [f, i + 1]));
  const categoryId = new Map(dataset.classes.map((c, i) => [c, i + 1]));
  const annotations = rows.map((row, i) => {
    const category = categoryId.get(row.className);
    if (category === undefined) throw new Error(`box class "${row.className}" is not in the dataset's classes (${dataset.classes.join(', ')})`);
    const { x, y, w, h } = row.box;
    return {
      id: i + 1,
      image_id: imageId.get(row.frame)!,
      category_id: category,
      bbox: [x, y, w, h],
      area: round2(w * h),
      iscrowd: 0,
      attributes: row.trackIndex === null ? { occluded: false } : { occluded: false, track_id: row.objectId, keyframe: row.keyframe },
    };
  });
  const coco = {
    info: { description: 'Groundwork export', video: video.fileName },
    videos: [{ id: 1, file_name: video.fileName, width: video.width, height: video.height, length: video.frameCount }],
    images: frames.map((frame) => ({ id: imageId.get(frame)!, file_name: frameFileName(video.fileName, frame), width: video.width, height: video.height, frame_id: frame, video_id: 1 })),
    annotations,
    categories: dataset.classes.map((name, i) => ({ id: i + 1, name, supercategory: '' })),
  };
  return [{ path: COCO_VIDEO_FILE, content: JSON.stringify(coco, null, 2) + '\n' }];
}

function frameOfImage(file: string, location: string, image: { file_name: string; frame_id?: number }, context: VideoImportContext): number {
  if (image.frame_id !== undefined) return checkFrame(file, `${location}.frame_id`, image.frame_id, context.video);
  const match = /frame_0*(\d+)\.[^/.]+$/.exec(image.file_name);
  if (!match) throw new FormatError(file, location, `image "${image.file_name}" has no frame_id and its name has no frame number (frame_000010.jpg)`);
  return checkFrame(file, `${location}.file_name`, Number(match[1]), context.video);
}

function importCocoVideo(files: FormatFile[], context: VideoImportContext): VideoDataset {
  const file = singleFile(files, ['.json'], COCO_VIDEO_FILE, 'COCO annotations');
  const coco = parseJsonStructure(file.path, CocoVideoSchema, parseJsonFile(file));
  const categories = new Map<number, string>();
  coco.categories.forEach((c, i) => {
    if (categories.has(c.id)) throw new FormatError(file.path, `categories[${i}].id`, `duplicate category id ${c.id}`);
    categories.set(c.id, c.name);
  });
  const frameOf = new Map<number, number>();
  coco.images.forEach((image, i) => {
    const location = `images[${i}]`;
    if (frameOf.has(image.id)) throw new FormatError(file.path, `${location}.id`, `duplicate image id ${image.id}`);
    checkVideoSize(file.path, location, context.video, image.width, image.height);
    frameOf.set(image.id, frameOfImage(file.path, location, image, context));
  });

  const objects = new Map<string, { className: string; rows: Observation[] }>();
  const shapes: VideoShape[] = [];
  coco.annotations.forEach((a, i) => {
    const location = `annotations[${i}]`;
    const frame = frameOf.get(a.image_id);
    if (frame === undefined) throw new FormatError(file.path, `${location}.image_id`, `unknown image id ${a.image_id}`);
    const className = categories.get(a.category_id);
    if (className === undefined) throw new FormatError(file.path, `${location}.category_id`, `unknown category id ${a.category_id}`);
    const [x, y, w, h] = a.bbox;
    const box = videoBox(file.path, `${location}.bbox`, { x, y, w, h }, context.video);
    const trackId = a.attributes?.track_id;
    const keyframe = a.attributes?.keyframe;
    if (trackId !== undefined && !(Number.isInteger(trackId) || (typeof trackId === 'string' && /^\d+$/.test(trackId)))) {
      throw new FormatError(file.path, `${location}.attributes.track_id`, `track_id ${JSON.stringify(trackId)} is not a whole number`);
    }
    if (keyframe !== undefined && typeof keyframe !== 'boolean') {
      throw new FormatError(file.path, `${location}.attributes.keyframe`, `keyframe ${JSON.stringify(keyframe)} must be true or false`);
    }
    if (trackId === undefined) {
      shapes.push({ frame, className, box });
      return;
    }
    const key = String(trackId);
    const object = objects.get(key) ?? { className, rows: [] };
    if (object.className !== className) throw new FormatError(file.path, `${location}.category_id`, `track ${key} changes category from "${object.className}" to "${className}"`);
    object.rows.push({ frame, box, location, ...(keyframe !== undefined ? { keyframe } : {}) });
    objects.set(key, object);
  });

  const tracks: VideoTrack[] = [];
  for (const [id, object] of [...objects.entries()].sort((a, b) => Number(a[0]) - Number(b[0]))) {
    const made = objectFromObservations(file.path, `track ${id}`, object.className, object.rows, context.video.frameCount);
    if ('track' in made) tracks.push(made.track);
    else shapes.push(made.shape);
  }
  // Categories in id order, as declared; the file lists them all, used or not.
  const classes = [...categories.entries()].sort((a, b) => a[0] - b[0]).map(([, name]) => name);
  return { classes, video: { ...context.video }, tracks, shapes: shapes.sort((a, b) => a.frame - b.frame) };
}

export const cocoVideoFormat: VideoAnnotationFormat = {
  id: 'coco-video',
  label: 'COCO per frame (video)',
  exportDataset: exportCocoVideo,
  importDataset: importCocoVideo,
};
