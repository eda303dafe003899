import { FormatError } from '../formatError';
import { parseNumber } from '../shared/numbers';
import { normalizePath } from '../shared/paths';
import { withoutBom } from '../shared/text';
import { frameRows } from './frameRows';
import { objectFromObservations, type Observation } from './observations';
import type { FormatFile } from '../types';
import type { VideoAnnotationFormat, VideoDataset, VideoImportContext, VideoShape, VideoTrack } from './types';
import { checkFrame, videoBox } from './videoChecks';

/**
 * MOT 1.1 as CVAT writes it: `gt/gt.txt` with one line per object and
 * visible frame — `frame,id,x,y,w,h,conf,class,visibility`, frames 1-based —
 * and `gt/labels.txt` with one class name per line (class id = line number).
 * Export writes interpolated boxes for every visible frame, ids 1..n (tracks
 * in order, then plain boxes), conf 1 and visibility 1, 2 decimals.
 * Import without labels.txt maps class ids to the project's classes (id 1 =
 * first class). Conf and visibility are read but not kept: every line is a
 * box (MOT17's conf 0 "ignore" regions included, so nothing is lost silently).
 */
export const MOT_GT_FILE = 'gt/gt.txt';
export const MOT_LABELS_FILE = 'gt/labels.txt';

const fixed2 = (v: number) => v.toFixed(2);

function exportMot(dataset: VideoDataset): FormatFile[] {
  const classId = new Map(dataset.classes.map((c, i) => [c, i + 1]));
  const lines = frameRows(dataset).map((row) => {
    const id = classId.get(row.className);
    if (id === undefined) throw new Error(`box class "${row.className}" is not in the dataset's classes (${dataset.classes.join(', ')})`);
    const { x, y, w, h } = row.box;
    return [row.frame + 1, row.objectId, fixed2(x), fixed2(y), fixed2(w), fixed2(h), 1, id, 1].join(',');
  });
  return [
    { path: MOT_GT_FILE, content: lines.map((l) => `${l}\n`).join('') },
    { path: MOT_LABELS_FILE, content: dataset.classes.map((c) => `${c}\n`).join('') },
  ];
}

function findFile(files: FormatFile[], name: string): FormatFile | undefined {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const exact = files.filter((f) => normalizePath(f.path).endsWith(name));
  if (exact.length > 0) return exact[0];
  return files.find((f) => normalizePath(f.path) === base || normalizePath(f.path).endsWith(`/${base}`));
}

function readLabels(file: FormatFile): string[] {
  const names: string[] = [];
  withoutBom(file.content)
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const name = raw.trim();
      if (!name) return;
      if (names.includes(name)) throw new FormatError(file.path, `line ${i + 1}`, `duplicate class "${name}"`);
      names.push(name);
    });
  return names;
}

interface MotObject {
  id: number;
  classId: number;
  rows: Observation[];
}

function importMot(files: FormatFile[], context: VideoImportContext): VideoDataset {
  const gt = findFile(files, MOT_GT_FILE);
  if (!gt) throw new FormatError(MOT_GT_FILE, '', 'missing: no gt.txt was given');
  const labelsFile = findFile(files, MOT_LABELS_FILE);
  const classes = labelsFile ? readLabels(labelsFile) : context.classes;
  const classSource = labelsFile ? labelsFile.path : "the project's classes";
  const objects = new Map<number, MotObject>();
  withoutBom(gt.content)
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line) return;
      const location = `line ${i + 1}`;
      const fields = line.split(/\s*,\s*/);
      if (fields.length < 6) throw new FormatError(gt.path, location, `expected at least 6 comma-separated values (frame,id,x,y,w,h,…), got ${fields.length}`);
      const names = ['frame', 'id', 'x', 'y', 'width', 'height', 'conf', 'class', 'visibility'];
      const values = fields.slice(0, 9).map((text, k) => {
        const n = parseNumber(text);
        if (n === undefined) throw new FormatError(gt.path, location, `${names[k]!} "${text}" is not a number`);
        return n;
      });
      const [frame1, id, x, y, w, h] = values as [number, number, number, number, number, number];
      const frame = checkFrame(gt.path, location, frame1 - 1, context.video, frame1);
      if (!Number.isInteger(id)) throw new FormatError(gt.path, location, `object id ${id} is not a whole number`);
      // Lines without a class column (plain MOT16 gt) are class 1.
      const classId = values[7] ?? 1;
      if (!Number.isInteger(classId) || classId < 1 || classId > classes.length) {
        throw new FormatError(gt.path, location, `unknown class id ${classId}: ${classSource} list ${classes.length} class${classes.length === 1 ? '' : 'es'}`);
      }
      const box = videoBox(gt.path, location, { x, y, w, h }, context.video);
      const object: MotObject = objects.get(id) ?? { id, classId, rows: [] };
      if (object.classId !== classId) throw new FormatError(gt.path, location, `object ${id} changes class from ${object.classId} to ${classId}`);
      object.rows.push({ frame, box, location });
      objects.set(id, object);
    });

  const tracks: VideoTrack[] = [];
  const shapes: VideoShape[] = [];
  for (const object of [...objects.values()].sort((a, b) => a.id - b.id)) {
    const made = objectFromObservations(gt.path, `object ${object.id}`, classes[object.classId - 1]!, object.rows, context.video.frameCount);
    if ('track' in made) tracks.push(made.track);
    else shapes.push(made.shape);
  }
  return { classes: [...classes], video: { ...context.video }, tracks, shapes };
}

export const motFormat: VideoAnnotationFormat = {
  id: 'mot',
  label: 'MOT 1.1 (gt.txt)',
  exportDataset: exportMot,
  importDataset: importMot,
};
