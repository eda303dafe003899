import { WarningCollector, type FormatFile, type ImportWarnings } from '../../../core/formats';
import { otherImporterReason } from '../../../core/formats/importerMismatch';
import { fromVideoDataset, toVideoDataset, videoFormats, videoImportContext, type FromVideoDatasetResult, type VideoFormatId } from '../../../core/formats/video';
import type { VideoLabels } from '../../../core/formats/video/videoMapping';
import type { Item } from '../../../core/model/item';
import type { LabelSchema } from '../../../core/model/labelSchema';
import type { Project } from '../../../core/model/project';
import type { VideoController } from '../../editor/video/videoController';
import { importFailureOf, type ImportFailure } from '../../labelImport/importFailure';
import { withAddedClasses } from '../../labelImport/schemaAdditions';
import { withSchemaAdditions } from '../../labelImport/schemaRollback';
import { plural } from '../words/plural';

/** The files of one video's labels in `format`: tracks, boxes, frame tags and shots (MOT writes every visible frame, interpolated). */
export function exportVideoFiles(format: VideoFormatId, project: Project, item: Item, labels: VideoLabels): FormatFile[] {
  return videoFormats[format].exportDataset(toVideoDataset(project, item, labels));
}

/** One mapping of the file onto a schema, with the parser's warnings and the mapping's, by kind. */
export interface VideoMappedView {
  mapped: FromVideoDatasetResult;
  warnings: ImportWarnings;
}

/** What the video import preview shows and Import commits; nothing is in the document yet. */
export interface VideoImportPreview extends VideoMappedView {
  format: VideoFormatId;
  /** The file mapped as if its new classes were in the schema (absent when there are none): what Import writes once they are added. */
  asIfAdded?: VideoMappedView;
}

export type ParsedVideoImport = { ok: true; preview: VideoImportPreview } | { ok: false; failure: ImportFailure };

/**
 * Parses import files for one video without touching the document. Image
 * files (CVAT for images, VOC, COCO without frames, YOLO) are refused with
 * the importer to use; a FormatError or any other exception comes back as
 * data. Classes the schema lacks are in `mapped.newClasses` (their labels
 * left out) for the preview to say.
 */
export function parseVideoImport(format: VideoFormatId, files: FormatFile[], project: Project, item: Item, author: string, now: number): ParsedVideoImport {
  try {
    const otherSide = otherImporterReason(files, 'video');
    if (otherSide) return { ok: false, failure: importFailureOf(otherSide) };
    const result = videoFormats[format].importDataset(files, videoImportContext(project, item));
    const mapOnto = (target: Project): VideoMappedView => {
      const mapped = fromVideoDataset(result.dataset, target, item, author, now);
      const warnings = new WarningCollector();
      warnings.addAll(result.warnings);
      warnings.addAll(mapped.warnings);
      return { mapped, warnings: warnings.result() };
    };
    const view = mapOnto(project);
    const { newClasses } = view.mapped;
    // The grown schema's ids are thrown away: Import maps again onto the schema the store saved.
    const asIfAdded = newClasses.length > 0 ? mapOnto({ ...project, labelSchema: withAddedClasses(project.labelSchema, newClasses) }) : undefined;
    return { ok: true, preview: { format, ...view, ...(asIfAdded ? { asIfAdded } : {}) } };
  } catch (e) {
    return { ok: false, failure: importFailureOf(e) };
  }
}

/** Import: tracks, boxes, frame tags and the file's shots (replacing the current ones) as one undo step. */
export function commitVideoImport(controller: VideoController, preview: VideoImportPreview): void {
  const { tracks, shapes, frameTags, segments } = preview.mapped;
  controller.addImported({ tracks, shapes, frameTags, segments }, `Import ${videoFormats[preview.format].label}`);
}

/** What Import with "add the classes" needs: the store's schema update and the video's controller. */
export interface VideoImportTarget {
  updateLabelSchema(projectId: string, schema: LabelSchema): Promise<Project>;
  controller: VideoController;
  project: Project;
  item: Item;
  author: string;
}

/**
 * Import, adding the file's new classes to the schema first when asked:
 * the files are mapped again onto the saved schema so their labels get the
 * real class ids. The schema change is the store's (not undone with the
 * labels, as in the image import), and is put back if the labels cannot be
 * committed. Returns what was committed, or why not.
 */
export async function commitVideoImportWithClasses(target: VideoImportTarget, files: FormatFile[], preview: VideoImportPreview, addClasses: boolean): Promise<ParsedVideoImport> {
  const commit = (final: VideoImportPreview): ParsedVideoImport => {
    commitVideoImport(target.controller, final);
    return { ok: true, preview: final };
  };
  if (!addClasses || preview.mapped.newClasses.length === 0) return commit(preview);
  return withSchemaAdditions(
    target,
    target.project,
    withAddedClasses(target.project.labelSchema, preview.mapped.newClasses),
    (updated) => {
      const again = parseVideoImport(preview.format, files, updated, target.item, target.author, Date.now());
      return again.ok ? commit(again.preview) : again;
    },
    (result) => !result.ok,
  );
}

/** "2 tracks, 14 boxes, 1 frame tag and 3 shots", for the result line. */
export function importedLabelsText(mapped: FromVideoDatasetResult): string {
  const parts = [plural(mapped.tracks.length, 'track'), plural(mapped.shapes.length, 'box', 'boxes'), plural(mapped.frameTags.length, 'frame tag')];
  if (mapped.segments) parts.push(plural(mapped.segments.length, 'shot'));
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
