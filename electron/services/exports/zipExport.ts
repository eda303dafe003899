import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { listExportFiles } from './exportFolder';

/** Images and videos are already compressed: storing them is as small and much faster. */
const STORED = /\.(jpe?g|png|webp|gif|mp4|mov|mkv|webm|avi|m4v)$/i;

/**
 * Streams the export folder as a zip into `out`, one file at a time and one
 * chunk at a time (waiting for `out` to drain), so an export of any size is
 * never held whole in memory. Entries sit under `<rootName>/`, so unpacking
 * gives one folder named like the export (which YOLO's data.yaml `path` names).
 */
export async function writeExportZip(folder: string, rootName: string, out: Writable): Promise<void> {
  let failed: Error | null = null;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const zip = new Zip((error, chunk, final) => {
    if (error) failed = error;
    else out.write(chunk);
    if (error || final) finished();
  });
  for (const [file, rel] of await listExportFiles(folder)) {
    const entry = STORED.test(rel) ? new ZipPassThrough(`${rootName}/${rel}`) : new ZipDeflate(`${rootName}/${rel}`, { level: 6 });
    zip.add(entry);
    for await (const chunk of createReadStream(file)) {
      entry.push(chunk as Buffer);
      if (failed) throw failed;
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    entry.push(new Uint8Array(0), true);
  }
  zip.end();
  await done;
  if (failed) throw failed;
}
