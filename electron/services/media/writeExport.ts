import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ServiceError } from '../../common/contract/errors';
import { MediaError } from './mediaErrors';
import { isInside, resolveMediaPath } from './resolveMediaPath';

export interface ExportFile {
  path: string;
  content: string;
}

/** A media file copied into the export: `relPath` inside the granted root `rootRealPath`, to `path` inside the export. */
export interface ExportImages {
  rootRealPath: string;
  copies: { path: string; relPath: string }[];
}

/**
 * Writes one export as a whole: every file goes into a hidden temporary
 * folder under `<dataDir>/exports/`, which is renamed into place only when
 * all of them are written. On any failure the temporary folder is removed and
 * nothing appears. An existing export of the same name is kept; the new one
 * gets a numbered name.
 */
export async function writeExport(dataDir: string, name: string, files: ExportFile[], images?: ExportImages): Promise<{ dir: string; name: string; paths: string[] }> {
  const exportsDir = exportsDirOf(dataDir);
  await mkdir(exportsDir, { recursive: true });
  const temp = path.join(exportsDir, `.tmp-${randomBytes(6).toString('hex')}`);
  const seen = new Set<string>();
  const segmentsOf = (p: string, what: string) => {
    const segments = p.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
    const rel = segments.join('/');
    const resolved = path.resolve(temp, ...segments);
    if (segments.length === 0 || segments.includes('..') || !isInside(temp, resolved) || resolved === temp) {
      throw new ServiceError(`${what} ("${p}") is not a relative path inside the export`);
    }
    if (seen.has(rel)) throw new ServiceError(`${what} ("${p}") appears twice in the export`);
    seen.add(rel);
    return segments;
  };
  const relPaths = files.map((f, index) => segmentsOf(f.path, `export file ${index}`));
  const copyPaths = (images?.copies ?? []).map((c, index) => segmentsOf(c.path, `export image ${index}`));
  try {
    await mkdir(temp);
    for (let i = 0; i < files.length; i++) {
      const file = path.join(temp, ...relPaths[i]!);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, files[i]!.content, { flag: 'wx' });
    }
    for (let i = 0; i < copyPaths.length; i++) {
      const copy = images!.copies[i]!;
      const source = await resolveMediaPath(images!.rootRealPath, copy.relPath);
      const target = path.join(temp, ...copyPaths[i]!);
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(source.file, target, constants.COPYFILE_EXCL);
    }
    const dir = await freeName(exportsDir, name);
    await rename(temp, dir);
    return { dir, name: path.basename(dir), paths: [...relPaths, ...copyPaths].map((segments) => path.join(dir, ...segments)) };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (error instanceof ServiceError && !(error instanceof MediaError)) throw error;
    const reason = error instanceof MediaError ? `an image could not be copied: ${error.message}` : (error as Error).message;
    throw new ServiceError(`the export "${name}" could not be written, nothing was saved: ${reason}`);
  }
}

/** Where every export folder lives; the hosts' download and save-as read only from here. */
export function exportsDirOf(dataDir: string): string {
  return path.join(dataDir, 'exports');
}

async function freeName(parent: string, name: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = path.join(parent, n === 1 ? name : `${name}-${n}`);
    try {
      await access(candidate);
    } catch {
      return candidate;
    }
  }
}
