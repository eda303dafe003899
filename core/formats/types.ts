import type { AttributeValue } from '../model/labelSchema';
import type { Box } from '../model/shape';
import type { ImportWarnings } from './importWarnings';

/**
 * The exchange form every annotation format maps to and from. It is
 * deliberately independent of the store's records: formats know class names
 * and file names, the store knows ids.
 */
export interface DatasetImage {
  /** Path relative to the media root, forward slashes (e.g. "sub/cat.jpg"). */
  fileName: string;
  width: number;
  height: number;
  boxes: DatasetBox[];
}

export interface DatasetBox {
  className: string;
  box: Box;
  attributes?: Record<string, AttributeValue>;
  /** Present when the box came from a model; formats that can carry a score keep it. */
  score?: number;
}

export interface LabelDataset {
  /** Class names in their canonical order (ids for YOLO/COCO are derived from it). */
  classes: string[];
  images: DatasetImage[];
}

/** A file read for import or written by export. */
export interface FormatFile {
  /** Relative path inside the export/import bundle, e.g. "labels/cat.txt". */
  path: string;
  content: string;
}

/** What import knows about the project's images, to resolve names and check bounds. */
export interface ImportContext {
  images: { fileName: string; width: number; height: number }[];
}

/**
 * Which of a task's annotations to take when a file holds several per
 * image (Label Studio keeps one per annotator and per revision):
 * - latest: the most recently updated annotation of each task;
 * - annotator: only those by this annotator (as the file names them);
 * - all: every annotation, boxes of all of them together.
 */
export type AnnotationChoice = { kind: 'latest' } | { kind: 'annotator'; annotator: string } | { kind: 'all' };

export interface ImportOptions {
  /** Default: latest. */
  annotations?: AnnotationChoice;
}

/** A successful import: the dataset and what was left out or changed on the way. */
export interface ImportResult<D> {
  dataset: D;
  warnings: ImportWarnings;
  /** Annotators the file names (Label Studio), so the user can pick one; absent when the format has none. */
  annotators?: string[];
}

export interface AnnotationFormat {
  id: 'coco' | 'yolo' | 'voc' | 'cvat' | 'labelstudio' | 'labelme' | 'datumaro';
  label: string;
  exportDataset(dataset: LabelDataset): FormatFile[];
  /**
   * Throws FormatError (with up to MAX_PROBLEMS problems) when the file is
   * wrong; never returns a partial dataset. What it skips or changes on
   * purpose (a polygon, a clamped box) is in the result's warnings.
   */
  importDataset(files: FormatFile[], context: ImportContext, options?: ImportOptions): ImportResult<LabelDataset>;
}
