import type { Item } from '../../model/item';
import type { Project } from '../../model/project';
import type { Shape } from '../../model/shape';
import { createBoxShape } from '../../model/shapeFactory';
import type { FrameTag, Segment, Track, TrackKeyframe } from '../../model/track';
import { newId } from '../../util/ids';
import { WarningCollector, type ImportWarnings } from '../importWarnings';
import { withFlags } from './frameFlags';
import { sortFrameTags } from './frameTagRanges';
import type { VideoDataset, VideoDescription, VideoImportContext } from './types';

/** The video an item stands for, as the formats describe it. */
export function videoDescription(item: Item): VideoDescription {
  if (item.kind !== 'video' || !item.video) throw new Error(`item "${item.relPath}" is not a probed video`);
  return { fileName: item.relPath, width: item.width, height: item.height, frameCount: item.video.frameCount };
}

export function videoImportContext(project: Project, item: Item): VideoImportContext {
  return { video: videoDescription(item), classes: project.labelSchema.classes.map((c) => c.name) };
}

const byCreation = <T extends { createdAt: number; id: string }>(a: T, b: T) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** One video's labels as the document holds them (renderer/document/videoChange.ts). */
export interface VideoLabels {
  tracks: readonly Track[];
  shapes: readonly Shape[];
  frameTags?: readonly FrameTag[];
  /** The video's shot segments; null or absent when it was never cut into shots. */
  segments?: readonly Segment[] | null;
}

/**
 * One video's labels in exchange form: tracks in creation order (so MOT
 * ids are stable between exports) with their keyframes' flags, plain boxes
 * on frames (shapes without a frame are not video labels and are left
 * out), frame tags by start frame, and segments with their tags (the scene
 * score stays behind: no format carries it).
 */
export function toVideoDataset(project: Project, item: Item, labels: VideoLabels): VideoDataset {
  const names = new Map(project.labelSchema.classes.map((c) => [c.id, c.name]));
  const nameOf = (classId: string, what: string) => {
    const name = names.get(classId);
    if (name === undefined) throw new Error(`${what} on "${item.relPath}" has class id ${classId}, which is not in the project's label schema`);
    return name;
  };
  return {
    classes: project.labelSchema.classes.map((c) => c.name),
    video: videoDescription(item),
    tracks: [...labels.tracks].sort(byCreation).map((t) => ({
      className: nameOf(t.classId, `track ${t.id}`),
      keyframes: t.keyframes.map((k) => ({ frame: k.frame, box: { ...k.box }, outside: k.outside, ...withFlags(k.attributes) })),
    })),
    shapes: labels.shapes
      .filter((s) => s.frame !== undefined)
      .sort(byCreation)
      .map((s) => ({ frame: s.frame!, className: nameOf(s.classId, `box ${s.id}`), box: { ...s.box } })),
    frameTags: sortFrameTags((labels.frameTags ?? []).map((t) => ({ className: nameOf(t.classId, `frame tag ${t.id}`), startFrame: t.startFrame, endFrame: t.endFrame }))),
    segments: (labels.segments ?? []).map((s) => ({ startFrame: s.startFrame, endFrame: s.endFrame, tags: [...s.tags] })),
  };
}

export interface FromVideoDatasetResult {
  tracks: Track[];
  shapes: Shape[];
  /** Frame tags of classes the schema has. */
  frameTags: FrameTag[];
  /** The file's shot segments with their tags; null when it has none (the item's segments stay as they are). */
  segments: Segment[] | null;
  /** Classes the schema lacks, tags whose class is unknown: left out, for the user to read. */
  warnings: ImportWarnings;
  /** Class names the file uses that the schema lacks; their tracks and boxes are not in the result. Add the classes and map again, or refuse. */
  newClasses: string[];
}

/**
 * New track, shape and frame-tag records for an imported video dataset;
 * the store decides whether they replace or add. Segments get score 0: the
 * file does not say how sharp each cut was. A plain box's flags (occluded,
 * visibility) have no place on a Shape, whose attributes are the class's
 * own: they are left out and counted as 'attribute'.
 */
export function fromVideoDataset(dataset: VideoDataset, project: Project, item: Item, author: string, now: number): FromVideoDatasetResult {
  const classes = new Map(project.labelSchema.classes.map((c) => [c.name, c]));
  const warnings = new WarningCollector();
  const newClasses: string[] = [];
  const classOf = (name: string, what: string) => {
    const cls = classes.get(name);
    if (!cls) {
      if (!newClasses.includes(name)) newClasses.push(name);
      warnings.add('ignored-setting', item.relPath, what, `class "${name}" is not in the project's label schema: left out`);
    }
    return cls;
  };
  const ids = { projectId: project.id, itemId: item.id };
  const tracks: Track[] = [];
  dataset.tracks.forEach((t, i) => {
    const cls = classOf(t.className, `track ${i + 1}`);
    if (!cls) return;
    // Flags are copied: an importer may share one flags object between keyframes, a store record must own its own.
    const keyframes: TrackKeyframe[] = t.keyframes.map((k) => {
      const flags = withFlags(k.attributes).attributes;
      return { frame: k.frame, box: { ...k.box }, outside: k.outside, source: 'human', ...(flags ? { attributes: { ...flags } } : {}) };
    });
    tracks.push({ id: newId('trk_'), ...ids, classId: cls.id, attributes: {}, keyframes, author, createdAt: now, updatedAt: now, version: 0 });
  });
  const shapes: Shape[] = [];
  dataset.shapes.forEach((s, i) => {
    const cls = classOf(s.className, `box ${i + 1}`);
    if (!cls) return;
    if (s.attributes) warnings.add('attribute', item.relPath, `box ${i + 1}`, `flags of a plain box on frame ${s.frame} (${Object.keys(s.attributes).join(', ')}) are kept on tracks only: left out`);
    shapes.push({ ...createBoxShape({ ...ids, cls, box: s.box, author, now }), frame: s.frame });
  });
  const frameTags: FrameTag[] = [];
  dataset.frameTags.forEach((t, i) => {
    const cls = classOf(t.className, `frame tag ${i + 1}`);
    if (cls) frameTags.push({ id: newId('ftg_'), ...ids, classId: cls.id, startFrame: t.startFrame, endFrame: t.endFrame, author, createdAt: now });
  });
  const segments = dataset.segments.length > 0 ? dataset.segments.map((s) => ({ startFrame: s.startFrame, endFrame: s.endFrame, score: 0, tags: [...s.tags] })) : null;
  return { tracks, shapes, frameTags, segments, warnings: warnings.result(), newClasses };
}
