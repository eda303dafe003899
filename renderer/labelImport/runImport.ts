import { formats, WarningCollector, type AnnotationChoice, type FormatFile, type FormatId, type ImportWarnings, type LabelDataset } from '../../core/formats';
import { fromDataset, importContextFor, type FromDatasetResult } from '../../core/formats/datasetMapping';
import { detectFormatOrReason } from '../../core/formats/detectFormat';
import { otherImporterReason } from '../../core/formats/importerMismatch';
import type { Item } from '../../core/model/item';
import type { Project } from '../../core/model/project';
import { importFailureOf, type ImportFailure } from './importFailure';

/** What the preview shows and the commit writes: the parsed file mapped onto this project, nothing stored yet. */
export interface ImportPreview {
  format: FormatId;
  dataset: LabelDataset;
  mapped: FromDatasetResult;
  /** The parser's warnings and the mapping's together, by kind. */
  warnings: ImportWarnings;
  /** Annotators the file names (Label Studio), for the annotation choice; absent when the format has none. */
  annotators?: string[];
  /** The choice this preview was parsed with. */
  annotations: AnnotationChoice;
}

export type ParsedImport = { ok: true; preview: ImportPreview } | { ok: false; failure: ImportFailure };

export const LATEST: AnnotationChoice = { kind: 'latest' };

/**
 * Parses and maps files without touching the store. Every way it can fail
 * comes back as data (a FormatError, files of the video importer, an
 * undetectable format, any other exception), so the dialog always has
 * something to show and nothing is imported.
 */
export function parseImport(files: FormatFile[], chosen: FormatId | 'auto', project: Project, items: Item[], author: string, annotations: AnnotationChoice = LATEST): ParsedImport {
  try {
    const format = formatOf(files, chosen);
    if (typeof format !== 'string') return { ok: false, failure: format };
    const result = formats[format].importDataset(files, importContextFor(items), { annotations });
    const mapped = fromDataset(result.dataset, project, items, author, Date.now());
    const warnings = new WarningCollector();
    warnings.addAll(result.warnings);
    warnings.addAll(mapped.warnings);
    return { ok: true, preview: { format, dataset: result.dataset, mapped, warnings: warnings.result(), annotations, ...(result.annotators ? { annotators: result.annotators } : {}) } };
  } catch (e) {
    return { ok: false, failure: importFailureOf(e) };
  }
}

/**
 * The format to read the files as, or why not. Files of the video importer
 * (CVAT for video, MOT, COCO per frame) are refused with the importer that
 * takes them, whether the format was detected or chosen: a CVAT video XML
 * also "looks like" CVAT, and MOT like nothing.
 */
function formatOf(files: FormatFile[], chosen: FormatId | 'auto'): FormatId | ImportFailure {
  if (chosen !== 'auto') {
    const otherSide = otherImporterReason(files, 'image');
    return otherSide ? importFailureOf(otherSide) : chosen;
  }
  const detected = detectFormatOrReason(files);
  if (!detected) return { kind: 'undetected', files: files.map((f) => f.path) };
  return 'reason' in detected ? importFailureOf(detected.reason) : detected.format;
}
