import type { AttributeValue } from '../model/labelSchema';
import type { Box } from '../model/shape';

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

export interface AnnotationFormat {
  id: 'coco' | 'yolo' | 'voc' | 'cvat' | 'labelstudio';
  label: string;
  exportDataset(dataset: LabelDataset): FormatFile[];
  /** Throws FormatError on the first problem; never returns a partial dataset. */
  importDataset(files: FormatFile[], context: ImportContext): LabelDataset;
}
