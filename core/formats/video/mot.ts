import { collecting, FormatError, ProblemCollector } from '../formatError';
import { refuseOtherImporter } from '../importerMismatch';
import { WarningCollector } from '../importWarnings';
import { normalizePath } from '../shared/paths';
import type { FormatFile, ImportResult } from '../types';
import { numericFlag, withFlags, type FrameFlags } from './frameFlags';
import { frameRows } from './frameRows';
import { forEachLine } from './lineScanner';
import { parseMotRow, type MotRow } from './motRow';
import { objectFromObservations, type Observation } from './observations';
import { exportTagsFile, importTagsFile, withTagClasses } from './tagsFile';
import type { VideoAnnotationFormat, VideoDataset, VideoImportContext, VideoShape, VideoTrack } from './types';
import { checkFrame, frameName } from './videoChecks';
import { acceptBox } from '../boxPolicy';

/**
 * MOT ground truth: `gt/gt.txt` with one line per object and visible frame,
 * frames 1-based, and `gt/labels.txt` with one class name per line (class
 * id = line number), as CVAT's MOT 1.1 writes it. Frame tags and segments
 * go to `gt/tags.json` (README.md). Export writes interpolated boxes for
 * every visible frame, ids 1..n (tracks in order, then plain boxes), conf
 * 1, the box's visibility (1 when it has none), 2 decimals.
 *
 * Import reads both MOTChallenge layouts (see motRow.ts). Lines without a
 * class (2015 layout, class -1) get the first class of labels.txt, else
 * the project's first class, and are counted as 'ignored-setting'. What
 * the store cannot hold is imported as a plain box and counted, never
 * dropped silently: conf 0 (MOT17 marks boxes its evaluation ignores this
 * way; they are still real objects), a detection confidence other than 1,
 * world coordinates. Boxes past the frame edge are clamped, wholly outside
 * ones skipped (boxPolicy.ts). Visibility becomes the keyframe attribute
 * `visibility`. Lines with id -1 (detections, as in det.txt) are plain
 * boxes.
 */
export const MOT_GT_FILE = 'gt/gt.txt';
export const MOT_LABELS_FILE = 'gt/labels.txt';
const MOT_DIR = 'gt';

const fixed2 = (v: number) => v.toFixed(2);

function exportMot(dataset: VideoDataset): FormatFile[] {
  const classId = new Map(dataset.classes.map((c, i) => [c, i + 1]));
  const lines = frameRows(dataset).map((row) => {
    const id = classId.get(row.className);
    if (id === undefined) throw new Error(`box class "${row.className}" is not in the dataset's classes (${dataset.classes.join(', ')})`);
    const { x, y, w, h } = row.box;
    return [row.frame + 1, row.objectId, fixed2(x), fixed2(y), fixed2(w), fixed2(h), 1, id, numericFlag(row.attributes, 'visibility', 1)].join(',');
  });
  const tags = exportTagsFile(dataset, MOT_DIR);
  return [
    { path: MOT_GT_FILE, content: lines.map((l) => `${l}\n`).join('') },
    { path: MOT_LABELS_FILE, content: dataset.classes.map((c) => `${c}\n`).join('') },
    ...(tags ? [tags] : []),
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
  const problems = new ProblemCollector(file.path);
  forEachLine(file.content, (raw, lineNumber) => {
    const name = raw.trim();
    if (!name) return;
    if (names.includes(name)) problems.add(`line ${lineNumber}`, `duplicate class "${name}"`);
    else names.push(name);
  });
  problems.throwIfAny();
  return names;
}

/**
 * One line as an observation. A 50 MB gt.txt has a million of them, so the
 * "line N" text errors need is made only when asked for, and lines with the
 * same visibility share one flags object (flags are never changed in place).
 */
class MotObservation implements Observation {
  constructor(
    readonly frame: number,
    readonly box: Observation['box'],
    private readonly lineNumber: number,
    readonly attributes: FrameFlags | undefined,
  ) {}

  get location(): string {
    return `line ${this.lineNumber}`;
  }
}

interface MotObject {
  id: number;
  /** 0-based index into the classes. */
  classIndex: number;
  rows: Observation[];
}

/** Where class names come from, for messages, and which class a line without one gets. */
interface ClassSource {
  classes: string[];
  name: string;
  /** True when there is no labels.txt and class ids are taken as the project's classes in order. */
  fromProject: boolean;
}

/** MOT17's class ids (its devkit's gt.txt), named in the message when a project without labels.txt has too few classes. */
const MOT17_CLASSES = ['pedestrian', 'person_on_vehicle', 'car', 'bicycle', 'motorbike', 'non_mot_vehicle', 'static_person', 'distractor', 'occluder', 'occluder_on_ground', 'occluder_full', 'reflection'];

/** Lines whose class id the project's classes do not reach (no labels.txt): one problem for all, since they share one fix. */
interface UnknownClassIds {
  lines: number;
  firstLine: number;
  firstId: number;
  maxId: number;
}

function unknownClassIdsProblem(unknown: UnknownClassIds, source: ClassSource, gtPath: string): string {
  const { classes } = source;
  const base = gtPath.slice(gtPath.lastIndexOf('/') + 1);
  const mot17 = unknown.maxId <= MOT17_CLASSES.length ? ` (MOT17's ids: ${MOT17_CLASSES.map((c, i) => `${i + 1} ${c}`).join(', ')})` : '';
  const more = unknown.lines > 1 ? ` and ${unknown.lines - 1} more line${unknown.lines === 2 ? '' : 's'}` : '';
  return (
    `unknown class id ${unknown.firstId}${more}: ${base} uses class ids up to ${unknown.maxId}${mot17}, but there is no ${MOT_LABELS_FILE}, ` +
    `so ids are the project's ${classes.length} class${classes.length === 1 ? '' : 'es'} in order (${classes.join(', ') || 'none'}). ` +
    `Add a ${MOT_LABELS_FILE} naming one class per line (line N is class id N), or add classes to the project so that id ${unknown.maxId} exists`
  );
}

/**
 * The class of one line, as an index into `source.classes`; a line without a
 * class gets the first one (counted). Null for an id past the project's
 * classes when there is no labels.txt: recorded in `unknown`, reported once.
 */
function classIndexOf(file: string, location: string, row: MotRow, reading: MotReading, lineNumber: number): number | null {
  const { source, warnings } = reading;
  const { classes } = source;
  if (row.classId === null) {
    if (classes.length === 0) throw new FormatError(file, location, `the line has no class and ${source.name} list none to give it`);
    const why = row.classColumn ? 'class -1 (none)' : 'the line has no class column';
    warnings.add('ignored-setting', file, location, `${why}: given the first class "${classes[0]!}" of ${source.name}`);
    return 0;
  }
  if (source.fromProject && Number.isInteger(row.classId) && row.classId > classes.length) {
    const u = reading.unknownClassIds;
    if (u) {
      u.lines++;
      u.maxId = Math.max(u.maxId, row.classId);
    } else reading.unknownClassIds = { lines: 1, firstLine: lineNumber, firstId: row.classId, maxId: row.classId };
    return null;
  }
  if (!Number.isInteger(row.classId) || row.classId < 1 || row.classId > classes.length) {
    throw new FormatError(file, location, `unknown class id ${row.classId}: ${source.name} list ${classes.length} class${classes.length === 1 ? '' : 'es'}`);
  }
  return row.classId - 1;
}

/** Counts what a line says that the store has no place for. */
function warnAboutExtras(file: string, location: string, row: MotRow, warnings: WarningCollector): void {
  if (row.conf === 0) warnings.add('ignored-setting', file, location, 'conf 0 (a box MOTChallenge evaluation ignores): imported as an ordinary box');
  else if (row.conf !== null && row.conf !== 1) warnings.add('ignored-setting', file, location, `confidence ${row.conf} is not kept`);
  if (row.world) warnings.add('ignored-setting', file, location, `world coordinates (${row.world.join(', ')}) are not kept`);
}

/** Visibility is a ratio; a value past 0..1 is brought into it and counted. */
function visibilityOf(file: string, location: string, row: MotRow, warnings: WarningCollector): number | undefined {
  if (row.visibility === null) return undefined;
  const v = Math.min(1, Math.max(0, row.visibility));
  if (v !== row.visibility) warnings.add('value-changed', file, location, `visibility ${row.visibility} is outside 0..1: imported as ${v}`);
  return v;
}

/** What one import of gt.txt builds up while reading its lines. */
interface MotReading {
  gt: FormatFile;
  context: VideoImportContext;
  source: ClassSource;
  objects: Map<number, MotObject>;
  /** Lines with id -1: detections (det.txt, tracker input) belong to no object, each is a plain box. */
  detections: VideoShape[];
  warnings: WarningCollector;
  /** One frozen flags object per visibility value seen (bounded: a file of all-different values stops sharing). */
  flagsByVisibility: Map<number, FrameFlags>;
  unknownClassIds?: UnknownClassIds;
}

function sharedFlags(reading: MotReading, visibility: number): FrameFlags {
  let flags = reading.flagsByVisibility.get(visibility);
  if (!flags) {
    flags = Object.freeze({ visibility });
    if (reading.flagsByVisibility.size < 10_000) reading.flagsByVisibility.set(visibility, flags);
  }
  return flags;
}

function readRow(reading: MotReading, line: string, lineNumber: number): void {
  const { gt, context, source, objects, warnings } = reading;
  const location = `line ${lineNumber}`;
  const row = parseMotRow(gt.path, location, line);
  const frame = checkFrame(gt.path, location, row.frame - 1, context.video, row.frame);
  if (!Number.isInteger(row.id)) throw new FormatError(gt.path, location, `object id ${row.id} is not a whole number`);
  const classIndex = classIndexOf(gt.path, location, row, reading, lineNumber);
  if (classIndex === null) return;
  const existing = row.id === -1 ? undefined : objects.get(row.id);
  if (existing && existing.classIndex !== classIndex) {
    throw new FormatError(gt.path, location, `object ${row.id} changes class from ${existing.classIndex + 1} to ${classIndex + 1}`);
  }
  warnAboutExtras(gt.path, location, row, warnings);
  const box = acceptBox(gt.path, location, row.box, context.video, warnings, frameName(context.video));
  if (!box) return;
  const visibility = visibilityOf(gt.path, location, row, warnings);
  const flags = visibility === undefined ? undefined : sharedFlags(reading, visibility);
  if (row.id === -1) {
    reading.detections.push({ frame, className: source.classes[classIndex]!, box, ...withFlags(flags) });
    return;
  }
  const object = existing ?? { id: row.id, classIndex, rows: [] };
  object.rows.push(new MotObservation(frame, box, lineNumber, flags));
  objects.set(row.id, object);
}

function importMot(files: FormatFile[], context: VideoImportContext): ImportResult<VideoDataset> {
  refuseOtherImporter(files, 'video');
  const gt = findFile(files, MOT_GT_FILE);
  if (!gt) throw new FormatError(MOT_GT_FILE, '', 'missing: no gt.txt was given');
  const labelsFile = findFile(files, MOT_LABELS_FILE);
  const source: ClassSource = labelsFile ? { classes: readLabels(labelsFile), name: labelsFile.path, fromProject: false }
    : { classes: context.classes, name: "the project's classes", fromProject: true };
  const reading: MotReading = { gt, context, source, objects: new Map(), detections: [], warnings: new WarningCollector(), flagsByVisibility: new Map() };
  const problems = new ProblemCollector(gt.path);
  forEachLine(gt.content, (raw, lineNumber) => {
    const line = raw.trim();
    if (line) collecting(problems, () => readRow(reading, line, lineNumber));
  });
  const { objects, warnings, unknownClassIds } = reading;
  if (unknownClassIds) problems.add(`line ${unknownClassIds.firstLine}`, unknownClassIdsProblem(unknownClassIds, source, gt.path));

  const tracks: VideoTrack[] = [];
  const shapes: VideoShape[] = [...reading.detections];
  for (const object of [...objects.values()].sort((a, b) => a.id - b.id)) {
    const className = source.classes[object.classIndex]!;
    const made = collecting(problems, () => objectFromObservations(gt.path, `object ${object.id}`, className, object.rows, context.video.frameCount));
    if (made && 'track' in made) tracks.push(made.track);
    else if (made) shapes.push(made.shape);
  }
  problems.throwIfAny();
  const gtDir = normalizePath(gt.path).split('/').slice(0, -1).join('/');
  const tags = importTagsFile(files, context.video, gtDir);
  return {
    dataset: { classes: withTagClasses(source.classes, tags.frameTags), video: { ...context.video }, tracks, shapes, frameTags: tags.frameTags, segments: tags.segments },
    warnings: warnings.result(),
  };
}

export const motFormat: VideoAnnotationFormat = {
  id: 'mot',
  label: 'MOT (gt.txt: MOT 1.1, MOTChallenge 2015/16/17/20)',
  exportDataset: exportMot,
  importDataset: importMot,
};
