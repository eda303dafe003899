import { FormatError, type FormatFile } from '../../../core/formats';
import { fromVideoDataset, toVideoDataset, videoFormats, videoImportContext, type FromVideoDatasetResult, type VideoFormatId } from '../../../core/formats/video';
import type { Item } from '../../../core/model/item';
import type { Project } from '../../../core/model/project';
import type { Shape } from '../../../core/model/shape';
import type { Track } from '../../../core/model/track';

/** The files of one video's labels in `format` (MOT writes every visible frame, interpolated). */
export function exportVideoFiles(format: VideoFormatId, project: Project, item: Item, tracks: readonly Track[], shapes: readonly Shape[]): FormatFile[] {
  return videoFormats[format].exportDataset(toVideoDataset(project, item, [...tracks], [...shapes]));
}

export type ParsedVideoImport = { ok: true; mapped: FromVideoDatasetResult } | { ok: false; error: string };

/**
 * Parses import files for one video without touching the store: a
 * FormatError (file, where, why) or classes missing from the schema come
 * back as a message and nothing is imported.
 */
export function parseVideoImport(format: VideoFormatId, files: FormatFile[], project: Project, item: Item, author: string, now: number): ParsedVideoImport {
  try {
    const dataset = videoFormats[format].importDataset(files, videoImportContext(project, item));
    const mapped = fromVideoDataset(dataset, project, item, author, now);
    if (mapped.newClasses.length > 0) return { ok: false, error: `the file uses classes this project does not have: ${mapped.newClasses.join(', ')} (add them in the label schema first)` };
    return { ok: true, mapped };
  } catch (e) {
    if (e instanceof FormatError) return { ok: false, error: `${e.file}${e.location ? ` (${e.location})` : ''}: ${e.reason}` };
    throw e;
  }
}
