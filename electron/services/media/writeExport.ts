import { randomBytes } from 'node:crypto';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ServiceError } from '../../common/contract/errors';
import { isInside } from './resolveMediaPath';

export interface ExportFile {
  path: string;
  content: string;
}

/**
 * Writes one export as a whole: every file goes into a hidden temporary
 * folder under `<dataDir>/exports/`, which is renamed into place only when
 * all of them are written. On any failure the temporary folder is removed and
 * nothing appears. An existing export of the same name is kept; the new one
 * gets a numbered name.
 */
export async function writeExport(dataDir: string, name: string, files: ExportFile[]): Promise<{ dir: string; paths: string[] }> {
  const exportsDir = path.join(dataDir, 'exports');
  await mkdir(exportsDir, { recursive: true });
  const temp = path.join(exportsDir, `.tmp-${randomBytes(6).toString('hex')}`);
  const seen = new Set<string>();
  const relPaths = files.map((f, index) => {
    const segments = f.path.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
    const rel = segments.join('/');
    const resolved = path.resolve(temp, ...segments);
    if (segments.length === 0 || segments.includes('..') || !isInside(temp, resolved) || resolved === temp) {
      throw new ServiceError(`export file ${index} ("${f.path}") is not a relative path inside the export`);
    }
    if (seen.has(rel)) throw new ServiceError(`export file ${index} ("${f.path}") appears twice in the export`);
    seen.add(rel);
    return segments;
  });
  try {
    await mkdir(temp);
    for (let i = 0; i < files.length; i++) {
      const file = path.join(temp, ...relPaths[i]!);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, files[i]!.content, { flag: 'wx' });
    }
    const dir = await freeName(exportsDir, name);
    await rename(temp, dir);
    return { dir, paths: relPaths.map((segments) => path.join(dir, ...segments)) };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (error instanceof ServiceError) throw error;
    throw new ServiceError(`the export "${name}" could not be written, nothing was saved: ${(error as Error).message}`);
  }
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
