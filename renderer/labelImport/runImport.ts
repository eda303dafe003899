import { formats, WarningCollector, type AnnotationChoice, type FormatFile, type FormatId, type ImportWarnings, type LabelDataset } from '../../core/formats';
import { fromDataset, importContextFor, type FromDatasetResult } from '../../core/formats/datasetMapping';
import { detectFormatOrReason } from '../../core/formats/detectFormat';
import { otherImporterReason } from '../../core/formats/importerMismatch';
import type { Item } from '../../core/model/item';
import type { Project } from '../../core/model/project';
import { importFailureOf, type ImportFailure } from './importFailure';
import { withImportAdditions } from './schemaAdditions';

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
  /**
   * The same file mapped as if the new classes and attributes were in the
   * schema (absent when there are none): what Import writes when the user
   * adds them, so the preview's box count and warnings are the real ones.
   */
  asIfAdded?: MappedView;
}

/** One mapping of the file and the warnings that go with it (the parser's and the mapping's). */
export interface MappedView {
  mapped: FromDatasetResult;
  warnings: ImportWarnings;
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
    const mapOnto = (target: Project): MappedView => {
      const mapped = fromDataset(result.dataset, target, items, author, Date.now());
      const warnings = new WarningCollector();
      warnings.addAll(result.warnings);
      warnings.addAll(mapped.warnings);
      return { mapped, warnings: warnings.result() };
    };
    const { mapped, warnings } = mapOnto(project);
    // Mapping is cheap next to parsing: the grown schema's view is ready when the user ticks "Add …" (its ids are thrown away).
    const additions = mapped.newClasses.length > 0 || mapped.newAttributes.length > 0;
    const asIfAdded = additions ? mapOnto({ ...project, labelSchema: withImportAdditions(project.labelSchema, mapped.newClasses, mapped.newAttributes) }) : undefined;
    return {
      ok: true,
      preview: { format, dataset: result.dataset, mapped, warnings, annotations, ...(result.annotators ? { annotators: result.annotators } : {}), ...(asIfAdded ? { asIfAdded } : {}) },
    };
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
