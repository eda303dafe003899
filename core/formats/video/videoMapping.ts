import type { Item } from '../../model/item';
import type { Project } from '../../model/project';
import type { Shape } from '../../model/shape';
import { createBoxShape } from '../../model/shapeFactory';
import type { FrameTag, Segment, Track, TrackKeyframe } from '../../model/track';
import type { ImportWarnings } from '../importWarnings';
import { newId } from '../../util/ids';
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

/**
 * One video's labels in exchange form: tracks in creation order (so MOT
 * ids are stable between exports), plain boxes on frames (shapes without a
 * frame are not video labels and are left out).
 */
export function toVideoDataset(project: Project, item: Item, tracks: Track[], shapes: Shape[]): VideoDataset {
  const names = new Map(project.labelSchema.classes.map((c) => [c.id, c.name]));
  const nameOf = (classId: string, what: string) => {
    const name = names.get(classId);
    if (name === undefined) throw new Error(`${what} on "${item.relPath}" has class id ${classId}, which is not in the project's label schema`);
    return name;
  };
  return {
    classes: project.labelSchema.classes.map((c) => c.name),
    video: videoDescription(item),
    tracks: [...tracks].sort(byCreation).map((t) => ({
      className: nameOf(t.classId, `track ${t.id}`),
      keyframes: t.keyframes.map((k) => ({ frame: k.frame, box: { ...k.box }, outside: k.outside })),
    })),
    shapes: shapes
      .filter((s) => s.frame !== undefined)
      .sort(byCreation)
      .map((s) => ({ frame: s.frame!, className: nameOf(s.classId, `box ${s.id}`), box: { ...s.box } })),
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

/** New track and shape records for an imported video dataset; the store decides whether they replace or add. */
export function fromVideoDataset(dataset: VideoDataset, project: Project, item: Item, author: string, now: number): FromVideoDatasetResult {
  const classes = new Map(project.labelSchema.classes.map((c) => [c.name, c]));
  const newClasses: string[] = [];
  const classOf = (name: string) => {
    const cls = classes.get(name);
    if (!cls && !newClasses.includes(name)) newClasses.push(name);
    return cls;
  };
  const tracks: Track[] = [];
  for (const t of dataset.tracks) {
    const cls = classOf(t.className);
    if (!cls) continue;
    const keyframes: TrackKeyframe[] = t.keyframes.map((k) => ({ frame: k.frame, box: { ...k.box }, outside: k.outside, source: 'human' }));
    tracks.push({ id: newId('trk_'), projectId: project.id, itemId: item.id, classId: cls.id, attributes: {}, keyframes, author, createdAt: now, updatedAt: now, version: 0 });
  }
  const shapes: Shape[] = [];
  for (const s of dataset.shapes) {
    const cls = classOf(s.className);
    if (!cls) continue;
    shapes.push({ ...createBoxShape({ projectId: project.id, itemId: item.id, cls, box: s.box, author, now }), frame: s.frame });
  }
  return { tracks, shapes, newClasses };
}
