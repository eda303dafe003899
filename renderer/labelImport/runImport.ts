import { detectFormat, formats, FormatError, type FormatFile, type FormatId } from '../../core/formats';
import { fromDataset, importContextFor, type FromDatasetResult } from '../../core/formats/datasetMapping';
import { paletteColor, type LabelSchema } from '../../core/model/labelSchema';
import type { Item } from '../../core/model/item';
import type { Project } from '../../core/model/project';
import { newId } from '../../core/util/ids';
import type { LabelDataset } from '../../core/formats';

export type ParsedImport =
  | { ok: true; format: FormatId; dataset: LabelDataset; mapped: FromDatasetResult }
  | { ok: false; error: { file: string; location: string; reason: string } };

/**
 * Parses and maps files without touching the store: a FormatError (or an
 * undetectable format) comes back as data for the UI, and nothing is imported.
 */
export function parseImport(files: FormatFile[], chosen: FormatId | 'auto', project: Project, items: Item[], author: string): ParsedImport {
  const format = chosen === 'auto' ? detectFormat(files) : chosen;
  if (!format) {
    return { ok: false, error: { file: files.map((f) => f.path).join(', '), location: '', reason: 'could not tell the format from these files; choose it above' } };
  }
  try {
    const dataset = formats[format].importDataset(files, importContextFor(items));
    return { ok: true, format, dataset, mapped: fromDataset(dataset, project, items, author, Date.now()) };
  } catch (e) {
    if (e instanceof FormatError) return { ok: false, error: { file: e.file, location: e.location, reason: e.reason } };
    throw e;
  }
}

/** The schema plus one class per new name, with palette colours continuing after the existing classes. */
export function withAddedClasses(schema: LabelSchema, names: readonly string[]): LabelSchema {
  const start = schema.classes.length;
  return { classes: [...schema.classes, ...names.map((name, i) => ({ id: newId('cls_'), name, color: paletteColor(start + i), attributes: [] }))] };
}
