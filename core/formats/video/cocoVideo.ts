import { z } from 'zod';
import { CocoFileSchema } from '../coco';
import { checkCocoAnnotation, type CocoAnnotation } from '../cocoAnnotation';
import { collecting, FormatError, ProblemCollector } from '../formatError';
import { refuseOtherImporter } from '../importerMismatch';
import { validElements } from '../jsonElements';
import { WarningCollector } from '../importWarnings';
import { singleFile } from '../shared/importChecks';
import { parseJsonFile, parseJsonStructure } from '../shared/jsonFile';
import { round2 } from '../shared/numbers';
import { dirname, stripExtension } from '../shared/paths';
import type { FormatFile, ImportResult } from '../types';
import { storedFlags, withFlags, type FrameFlags } from './frameFlags';
import { frameRows } from './frameRows';
import { objectFromObservations, type Observation } from './observations';
import { exportTagsFile, importTagsFile, isTagsFile, withTagClasses } from './tagsFile';
import type { VideoAnnotationFormat, VideoDataset, VideoImportContext, VideoShape, VideoTrack } from './types';
import { checkFrame, checkVideoSize, frameName } from './videoChecks';
import { acceptBox } from '../boxPolicy';
import { skippedRotated } from '../shared/rotatedBox';

/**
 * COCO with one image per video frame, as CVAT exports a video task:
 * images are the frames that carry boxes, named `<video without
 * extension>/frame_000010.jpg`, with `frame_id` (0-based frame index) and
 * `video_id`; annotations of a track carry `attributes.track_id` (1..n,
 * tracks in order) and `attributes.keyframe`; plain boxes have no track_id.
 * Import takes the frame from `frame_id`, else from a `frame_N` file name,
 * and trusts `keyframe` flags when present. A box's per-frame flags
 * (`occluded`, `visibility`) travel in the annotation's attributes, as
 * CVAT writes them; frame tags and segments go to `tags.json` beside the
 * file (README.md). Boxes past the frame edge are clamped, wholly outside
 * ones skipped, both counted.
 */
export const COCO_VIDEO_FILE = 'annotations.json';

export function frameFileName(videoFileName: string, frame: number): string {
  return `${stripExtension(videoFileName)}/frame_${String(frame).padStart(6, '0')}.jpg`;
}

/** Plain COCO plus the frame index of each image; track ids and keyframe flags live in the annotations' attributes. */
const CocoVideoImageSchema = CocoFileSchema.shape.images.element.extend({ frame_id: z.number().optional() });

/**
 * Only the top level is checked as a whole; images and annotations are
 * checked one by one as coco.ts does (validElements, checkCocoAnnotation),
 * so one error lists up to MAX_PROBLEMS bad elements.
 */
const CocoVideoTopLevelSchema = z.object({ images: z.array(z.unknown()), annotations: z.array(z.unknown()), categories: CocoFileSchema.shape.categories });

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
      attributes: { occluded: false, ...row.attributes, ...(row.trackIndex === null ? {} : { track_id: row.objectId, keyframe: row.keyframe }) },
    };
  });
  const coco = {
    info: { description: 'Groundwork export', video: video.fileName },
    videos: [{ id: 1, file_name: video.fileName, width: video.width, height: video.height, length: video.frameCount }],
    images: frames.map((frame) => ({ id: imageId.get(frame)!, file_name: frameFileName(video.fileName, frame), width: video.width, height: video.height, frame_id: frame, video_id: 1 })),
    annotations,
    categories: dataset.classes.map((name, i) => ({ id: i + 1, name, supercategory: '' })),
  };
  const tags = exportTagsFile(dataset, dirname(COCO_VIDEO_FILE));
  return [{ path: COCO_VIDEO_FILE, content: JSON.stringify(coco, null, 2) + '\n' }, ...(tags ? [tags] : [])];
}

function frameOfImage(file: string, location: string, image: { file_name: string; frame_id?: number }, context: VideoImportContext): number {
  if (image.frame_id !== undefined) return checkFrame(file, `${location}.frame_id`, image.frame_id, context.video);
  const match = /frame_0*(\d+)\.[^/.]+$/.exec(image.file_name);
  if (!match) throw new FormatError(file, location, `image "${image.file_name}" has no frame_id and its name has no frame number (frame_000010.jpg)`);
  return checkFrame(file, `${location}.file_name`, Number(match[1]), context.video);
}


/** The flags of an annotation: its attributes but the track bookkeeping (track_id, keyframe). */
function flagsOf(a: CocoAnnotation): FrameFlags | undefined {
  const { track_id: _trackId, keyframe: _keyframe, ...flags } = a.attributes ?? {};
  return storedFlags(flags);
}

/** A track_id and keyframe flag as CVAT writes them, or a FormatError at their JSON path. */
function trackBookkeeping(file: string, location: string, a: CocoAnnotation): { trackId?: string; keyframe?: boolean } {
  const trackId = a.attributes?.track_id;
  const keyframe = a.attributes?.keyframe;
  if (trackId !== undefined && !(Number.isInteger(trackId) || (typeof trackId === 'string' && /^\d+$/.test(trackId)))) {
    throw new FormatError(file, `${location}.attributes.track_id`, `track_id ${JSON.stringify(trackId)} is not a whole number`);
  }
  if (keyframe !== undefined && typeof keyframe !== 'boolean') {
    throw new FormatError(file, `${location}.attributes.keyframe`, `keyframe ${JSON.stringify(keyframe)} must be true or false`);
  }
  return { ...(trackId !== undefined ? { trackId: String(trackId) } : {}), ...(keyframe !== undefined ? { keyframe } : {}) };
}

function readFrames(
  file: string,
  images: { index: number; value: z.infer<typeof CocoVideoImageSchema> }[],
  context: VideoImportContext,
  problems: ProblemCollector,
): Map<number, number> {
  const frameOf = new Map<number, number>();
  for (const { index, value: image } of images) {
    const location = `images[${index}]`;
    collecting(problems, () => {
      if (frameOf.has(image.id)) throw new FormatError(file, `${location}.id`, `duplicate image id ${image.id}`);
      checkVideoSize(file, location, context.video, image.width, image.height);
      frameOf.set(image.id, frameOfImage(file, location, image, context));
    });
  }
  return frameOf;
}

/** CVAT's COCO export of a video task names no video and no frame_id; importerMismatch.ts knows it by its track_id. */
function importCocoVideo(files: FormatFile[], context: VideoImportContext): ImportResult<VideoDataset> {
  refuseOtherImporter(files, 'video');
  const file = singleFile(
    files.filter((f) => !isTagsFile(f)),
    ['.json'],
    COCO_VIDEO_FILE,
    'COCO annotations',
  );
  const coco = parseJsonStructure(file.path, CocoVideoTopLevelSchema, parseJsonFile(file));
  const problems = new ProblemCollector(file.path);
  const categories = new Map<number, string>();
  coco.categories.forEach((c, i) => {
    if (categories.has(c.id)) problems.add(`categories[${i}].id`, `duplicate category id ${c.id}`);
    else categories.set(c.id, c.name);
  });
  const frameOf = readFrames(file.path, validElements(problems, CocoVideoImageSchema, coco.images, 'images'), context, problems);
  const warnings = new WarningCollector();
  const objects = new Map<string, { className: string; rows: Observation[] }>();
  const shapes: VideoShape[] = [];
  const readAnnotation = (a: CocoAnnotation, location: string) => {
    const frame = frameOf.get(a.image_id);
    if (frame === undefined) throw new FormatError(file.path, `${location}.image_id`, `unknown image id ${a.image_id}`);
    const className = categories.get(a.category_id);
    if (className === undefined) throw new FormatError(file.path, `${location}.category_id`, `unknown category id ${a.category_id}`);
    const { trackId, keyframe } = trackBookkeeping(file.path, location, a);
    if (skippedRotated(file.path, `${location}.attributes.rotation`, a.attributes?.rotation, warnings)) return;
    const [x, y, w, h] = a.bbox;
    const box = acceptBox(file.path, `${location}.bbox`, { x, y, w, h }, context.video, warnings, frameName(context.video));
    if (!box) return;
    const flags = flagsOf(a);
    if (trackId === undefined) {
      shapes.push({ frame, className, box, ...withFlags(flags) });
      return;
    }
    const object = objects.get(trackId) ?? { className, rows: [] };
    if (object.className !== className) throw new FormatError(file.path, `${location}.category_id`, `track ${trackId} changes category from "${object.className}" to "${className}"`);
    object.rows.push({ frame, box, location, ...(keyframe !== undefined ? { keyframe } : {}), ...withFlags(flags) });
    objects.set(trackId, object);
  };
  coco.annotations.forEach((element, i) => {
    const checked = checkCocoAnnotation(element);
    if (checked.ok) collecting(problems, () => readAnnotation(checked.value, `annotations[${i}]`));
    else problems.add(`annotations[${i}]${checked.path}`, checked.reason);
  });

  const tracks: VideoTrack[] = [];
  for (const [id, object] of [...objects.entries()].sort((a, b) => Number(a[0]) - Number(b[0]))) {
    const made = collecting(problems, () => objectFromObservations(file.path, `track ${id}`, object.className, object.rows, context.video.frameCount));
    if (made && 'track' in made) tracks.push(made.track);
    else if (made) shapes.push(made.shape);
  }
  problems.throwIfAny();
  // Categories in id order, as declared; the file lists them all, used or not.
  const classes = [...categories.entries()].sort((a, b) => a[0] - b[0]).map(([, name]) => name);
  const tags = importTagsFile(files, context.video, dirname(file.path));
  const dataset: VideoDataset = {
    classes: withTagClasses(classes, tags.frameTags),
    video: { ...context.video },
    tracks,
    shapes: shapes.sort((a, b) => a.frame - b.frame),
    frameTags: tags.frameTags,
    segments: tags.segments,
  };
  return { dataset, warnings: warnings.result() };
}

export const cocoVideoFormat: VideoAnnotationFormat = {
  id: 'coco-video',
  label: 'COCO per frame (video)',
  exportDataset: exportCocoVideo,
  importDataset: importCocoVideo,
};
