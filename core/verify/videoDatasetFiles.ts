import type { FormatFile } from '../formats';
import { videoFormats, type VideoFormatId } from '../formats/video';
import { videoDatasetFromCanonical } from '../formats/video/fromCanonical';
import { videoFolderOf, type LineageLine } from './exportFiles';

/**
 * A video task's dataset folder as the hub writes it (and checkVideoDataset
 * reads it): one folder per item, `videoFolderOf(line)`, holding that
 * video's final labels in `format` (core/formats/video), classes in the
 * task's order first. Paths are relative to the folder (`dataset/` or
 * `disputed/`). A line without video labels is refused, naming it.
 */
export function videoDatasetFiles(format: VideoFormatId, classes: readonly string[], lines: readonly LineageLine[]): FormatFile[] {
  return lines.flatMap((line) => {
    if (!line.video) throw new Error(`item ${line.itemId} ("${line.image.fileName}") carries no video labels: it cannot be written as ${format}`);
    const dataset = videoDatasetFromCanonical({ shapes: line.labels, video: line.video }, { fileName: line.image.fileName, width: line.image.width, height: line.image.height }, classes);
    const folder = videoFolderOf(line);
    return videoFormats[format].exportDataset(dataset).map((f) => ({ path: `${folder}/${f.path}`, content: f.content }));
  });
}
