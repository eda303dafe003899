import { WarningCollector, type FormatFile, type ImportWarnings } from '../../../core/formats';
import { otherImporterReason } from '../../../core/formats/importerMismatch';
import { fromVideoDataset, toVideoDataset, videoFormats, videoImportContext, type FromVideoDatasetResult, type VideoFormatId } from '../../../core/formats/video';
import type { VideoLabels } from '../../../core/formats/video/videoMapping';
import type { Item } from '../../../core/model/item';
import type { Project } from '../../../core/model/project';
import type { VideoController } from '../../editor/video/videoController';
import { importFailureOf, type ImportFailure } from '../../labelImport/importFailure';
import { plural } from '../words/plural';

/** The files of one video's labels in `format`: tracks, boxes, frame tags and shots (MOT writes every visible frame, interpolated). */
export function exportVideoFiles(format: VideoFormatId, project: Project, item: Item, labels: VideoLabels): FormatFile[] {
  return videoFormats[format].exportDataset(toVideoDataset(project, item, labels));
}

/** What the video import preview shows and Import commits; nothing is in the document yet. */
export interface VideoImportPreview {
  format: VideoFormatId;
  mapped: FromVideoDatasetResult;
  /** The parser's warnings and the mapping's, by kind. */
  warnings: ImportWarnings;
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
    const mapped = fromVideoDataset(result.dataset, project, item, author, now);
    const warnings = new WarningCollector();
    warnings.addAll(result.warnings);
    warnings.addAll(mapped.warnings);
    return { ok: true, preview: { format, mapped, warnings: warnings.result() } };
  } catch (e) {
    return { ok: false, failure: importFailureOf(e) };
  }
}

/** Import: tracks, boxes, frame tags and the file's shots (replacing the current ones) as one undo step. */
export function commitVideoImport(controller: VideoController, preview: VideoImportPreview): void {
  const { tracks, shapes, frameTags, segments } = preview.mapped;
  controller.addImported({ tracks, shapes, frameTags, segments }, `Import ${videoFormats[preview.format].label}`);
}

/** "2 tracks, 14 boxes, 1 frame tag and 3 shots", for the result line. */
export function importedLabelsText(mapped: FromVideoDatasetResult): string {
  const parts = [plural(mapped.tracks.length, 'track'), plural(mapped.shapes.length, 'box', 'boxes'), plural(mapped.frameTags.length, 'frame tag')];
  if (mapped.segments) parts.push(plural(mapped.segments.length, 'shot'));
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
