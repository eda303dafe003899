import { warningKindLabels, type FormatFile, type ImportWarningKind } from '../formats';
import type { ImportWarnings } from '../formats/importWarnings';
import { videoFormats, type VideoDataset, type VideoFormatId, type VideoImportContext } from '../formats/video';
import { canonicalFromVideoDataset, videoDatasetFromCanonical } from '../formats/video/fromCanonical';
import { videoFolderOf, type LineageLine } from './exportFiles';
import type { Report } from './problems';
import { videoLabelsDiff, type VideoItemLabels } from './videoLabelsDiff';

function reportWarnings(where: string, warnings: ImportWarnings, itemId: string, report: Report): void {
  for (const [kind, count] of Object.entries(warnings.counts) as [ImportWarningKind, number][]) {
    const first = warnings.examples.find((w) => w.kind === kind);
    const at = first ? ` (first: ${first.file}${first.location ? ` ${first.location}` : ''}: ${first.message})` : '';
    report(itemId, 'dataset', `${where} has ${count} ${warningKindLabels[kind]} on import${at}; an export must read back whole`);
  }
}

/** Reads one item's folder with the format's importer (the workstation's own); null (reported) when it cannot be read. */
function importFolder(format: VideoFormatId, files: FormatFile[], context: VideoImportContext, where: string, itemId: string, report: Report): { dataset: VideoDataset; warnings: ImportWarnings } | null {
  try {
    return videoFormats[format].importDataset(files, context);
  } catch (e) {
    report(itemId, 'dataset', `${where} cannot be read as ${format}: ${(e as Error).message}`);
    return null;
  }
}

/** What the format makes of the final labels: written and read back by the very exporter and importer, so what the format cannot carry (MOT's occluded, a track's own attributes, a keyframe on the interpolated path) drops out on both sides. */
function asTheFormatSaysIt(format: VideoFormatId, line: LineageLine & { video: NonNullable<LineageLine['video']> }, context: VideoImportContext): VideoItemLabels {
  const written = videoFormats[format].exportDataset(videoDatasetFromCanonical({ shapes: line.labels, video: line.video }, { fileName: line.image.fileName, width: line.image.width, height: line.image.height }, context.classes));
  return canonicalFromVideoDataset(videoFormats[format].importDataset(written, context).dataset);
}

/**
 * A video task's dataset folder: one folder per item (`videoFolderOf`), in
 * the manifest's video format. Each is read back with core/formats/video
 * and must say exactly what the item's final labels say as the format
 * carries them: the same tracks (keyframes, outside, the flags the format
 * has), frame boxes, frame tag ranges and segments with their tags; any
 * import warning is a problem, as for images. Files outside every item's
 * folder are reported too. Returns the tracks and frame boxes read.
 */
export function checkVideoDataset(dir: string, format: VideoFormatId, files: FormatFile[], lines: readonly LineageLine[], report: Report): number {
  const folders = lines.map((l) => videoFolderOf(l));
  const claimed = new Set<string>();
  let read = 0;
  lines.forEach((line, i) => {
    const folder = folders[i]!;
    const where = `${dir}/${folder}/`;
    if (!line.video) {
      report(line.itemId, 'dataset', `the export is in the video format ${format}, but item "${line.image.fileName}" carries no video labels`);
      return;
    }
    const nested = folders.find((other, j) => j !== i && other.startsWith(`${folder}/`));
    if (nested !== undefined) report(line.itemId, 'dataset', `${where} holds the folder of another item (${dir}/${nested}/): each video's folder must stand alone`);
    const mine = files.filter((f) => f.path.startsWith(`${folder}/`) && !(nested !== undefined && f.path.startsWith(`${nested}/`)));
    mine.forEach((f) => claimed.add(f.path));
    const context: VideoImportContext = { video: { fileName: line.image.fileName, width: line.image.width, height: line.image.height, frameCount: line.video.frameCount }, classes: [] };
    const imported = importFolder(format, mine.map((f) => ({ path: f.path.slice(folder.length + 1), content: f.content })), context, where, line.itemId, report);
    if (!imported) return;
    reportWarnings(where, imported.warnings, line.itemId, report);
    read += imported.dataset.tracks.length + imported.dataset.shapes.length;
    let expected: VideoItemLabels;
    try {
      expected = asTheFormatSaysIt(format, { ...line, video: line.video }, { ...context, classes: imported.dataset.classes });
    } catch (e) {
      report(line.itemId, 'dataset', `the final labels cannot be written as ${format}: ${(e as Error).message}`);
      return;
    }
    for (const difference of videoLabelsDiff(expected, canonicalFromVideoDataset(imported.dataset))) report(line.itemId, 'dataset', `${where} (video "${line.image.fileName}"): ${difference}`);
  });
  const stray = files.filter((f) => !claimed.has(f.path));
  if (stray.length > 0) report(null, 'dataset', `${dir}/ has ${stray.length} file${stray.length === 1 ? '' : 's'} outside every item's folder (first: ${stray[0]!.path}); nothing of the export may go unchecked`);
  return read;
}
