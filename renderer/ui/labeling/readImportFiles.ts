import type { FormatFile } from '../../../core/formats';

/** Files picked in the browser as format input; a folder pick keeps its relative paths (YOLO needs labels/…). */
export async function readImportFiles(files: FileList | readonly File[]): Promise<FormatFile[]> {
  return Promise.all(Array.from(files, async (f) => ({ path: f.webkitRelativePath || f.name, content: await f.text() })));
}
