import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { FormatFile } from '../../core/formats';

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Every file of an export, as text with paths relative to its top: from the zip the hub served, or from a folder it was unpacked into. */
export async function readExport(target: string): Promise<FormatFile[]> {
  const info = await stat(target);
  if (info.isDirectory()) return readFolder(target);
  const entries = unzipSync(await readFile(target));
  return Object.entries(entries)
    .filter(([name]) => !name.endsWith('/'))
    .map(([name, bytes]) => ({ path: name, content: decoder.decode(bytes) }));
}

async function readFolder(root: string): Promise<FormatFile[]> {
  const names = await readdir(root, { recursive: true, withFileTypes: true });
  const files = names.filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
  return Promise.all(files.map(async (file) => ({ path: path.relative(root, file).split(path.sep).join('/'), content: await readFile(file, 'utf8') })));
}
