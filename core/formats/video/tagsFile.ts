import { z } from 'zod';
import { ProblemCollector } from '../formatError';
import { parseJsonFile, parseJsonStructure } from '../shared/jsonFile';
import { basename, dirname, joinPath, normalizePath } from '../shared/paths';
import type { FormatFile } from '../types';
import { sortFrameTags } from './frameTagRanges';
import type { VideoDataset, VideoDescription, VideoFrameTag, VideoSegment } from './types';

/**
 * The tags file written beside formats that have no place for frame tags or
 * shot segments (MOT, COCO per frame; CVAT for the segments only). Its
 * layout is documented in README.md ("tags.json"); frames are 0-based and
 * ranges inclusive. Import reads it when it is there and never needs it.
 */
export const TAGS_FILE = 'tags.json';

const frameIndex = z.number().int().nonnegative();

const TagsFileSchema = z
  .object({
    version: z.literal(1),
    video: z.object({ fileName: z.string(), frameCount: z.number().int().positive() }).strict(),
    frameTags: z.array(z.object({ label: z.string().trim().min(1), startFrame: frameIndex, endFrame: frameIndex }).strict()),
    segments: z.array(z.object({ startFrame: frameIndex, endFrame: frameIndex, tags: z.array(z.string()) }).strict()),
  })
  .strict();
type TagsFileContent = z.infer<typeof TagsFileSchema>;

export interface VideoTags {
  frameTags: VideoFrameTag[];
  segments: VideoSegment[];
}

/**
 * The tags file for `dataset` in folder `dir`, or null when there is
 * nothing to write. `withFrameTags` is false for formats that keep frame
 * tags themselves (CVAT), so the file does not say the same thing twice.
 */
export function exportTagsFile(dataset: VideoDataset, dir: string, withFrameTags = true): FormatFile | null {
  const frameTags = withFrameTags ? sortFrameTags(dataset.frameTags) : [];
  if (frameTags.length === 0 && dataset.segments.length === 0) return null;
  const content: TagsFileContent = {
    version: 1,
    video: { fileName: dataset.video.fileName, frameCount: dataset.video.frameCount },
    frameTags: frameTags.map((t) => ({ label: t.className, startFrame: t.startFrame, endFrame: t.endFrame })),
    segments: dataset.segments.map((s) => ({ startFrame: s.startFrame, endFrame: s.endFrame, tags: [...s.tags] })),
  };
  return { path: joinPath(dir, TAGS_FILE), content: JSON.stringify(content, null, 2) + '\n' };
}

export function isTagsFile(file: FormatFile): boolean {
  return basename(file.path).toLowerCase() === TAGS_FILE;
}

/** The tags file among `files`: the one in `preferredDir` if several are given (e.g. gt/tags.json beside gt/gt.txt). */
function findTagsFile(files: readonly FormatFile[], preferredDir: string): FormatFile | undefined {
  const candidates = files.filter(isTagsFile);
  return candidates.find((f) => dirname(normalizePath(f.path)) === preferredDir) ?? candidates[0];
}

/** Frame tags and segments from the tags file beside the labels; none when there is no such file. Problems name JSON paths. */
export function importTagsFile(files: readonly FormatFile[], video: VideoDescription, preferredDir = ''): VideoTags {
  const file = findTagsFile(files, preferredDir);
  if (!file) return { frameTags: [], segments: [] };
  const content = parseJsonStructure(file.path, TagsFileSchema, parseJsonFile(file));
  const problems = new ProblemCollector(file.path);
  if (content.video.frameCount !== video.frameCount) {
    problems.add('video.frameCount', `the tags are for a video of ${content.video.frameCount} frames, but "${video.fileName}" has ${video.frameCount}`);
  }
  const checkRange = (where: string, start: number, end: number) => {
    if (start > end) problems.add(where, `startFrame ${start} is after endFrame ${end}`);
    else if (end >= video.frameCount) problems.add(`${where}.endFrame`, `frame ${end} is outside the video "${video.fileName}" (${video.frameCount} frames; frames count from 0)`);
  };
  content.frameTags.forEach((t, i) => checkRange(`frameTags[${i}]`, t.startFrame, t.endFrame));
  content.segments.forEach((s, i) => {
    checkRange(`segments[${i}]`, s.startFrame, s.endFrame);
    const expectedStart = i === 0 ? 0 : content.segments[i - 1]!.endFrame + 1;
    if (s.startFrame !== expectedStart) problems.add(`segments[${i}].startFrame`, `segments must cover the video without gaps or overlaps: expected startFrame ${expectedStart}, got ${s.startFrame}`);
  });
  const last = content.segments[content.segments.length - 1];
  if (last && last.endFrame !== video.frameCount - 1) {
    problems.add(`segments[${content.segments.length - 1}].endFrame`, `the last segment must end on the last frame (${video.frameCount - 1}), not ${last.endFrame}`);
  }
  problems.throwIfAny();
  return {
    frameTags: sortFrameTags(content.frameTags.map((t) => ({ className: t.label, startFrame: t.startFrame, endFrame: t.endFrame }))),
    segments: content.segments.map((s) => ({ startFrame: s.startFrame, endFrame: s.endFrame, tags: [...s.tags] })),
  };
}

/** `classes` and, after them, the labels of `frameTags` they lack: a tag's label is a class like any other. */
export function withTagClasses(classes: readonly string[], frameTags: readonly VideoFrameTag[]): string[] {
  const all = [...classes];
  for (const tag of frameTags) if (!all.includes(tag.className)) all.push(tag.className);
  return all;
}
