import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { ServiceError } from '../../common/contract/errors';
import { isInside } from '../media/resolveMediaPath';
import { exportsDirOf } from '../media/writeExport';

/** Same rule as the contract's ExportNameSchema: a plain folder name, never a hidden (temporary) one. */
const EXPORT_NAME = /^[\w-][\w.-]{0,119}$/;

export class ExportNotFoundError extends ServiceError {
  override name = 'ExportNotFoundError';
}

/**
 * The real path of the finished export `name` under `<dataDir>/exports/`.
 * This is the only way the download route and save-as reach the disk, so it
 * refuses anything that is not one plain folder name of a finished export
 * (no separators, no "..", no temporary folder, no link out of exports/).
 */
export async function resolveExportFolder(dataDir: string, name: string): Promise<string> {
  if (!EXPORT_NAME.test(name)) throw new ExportNotFoundError(`"${name}" is not the name of an export`);
  const exportsDir = await realpath(exportsDirOf(dataDir)).catch(() => null);
  const folder = exportsDir && (await realpath(path.join(exportsDir, name)).catch(() => null));
  if (!exportsDir || !folder || path.dirname(folder) !== exportsDir || !(await lstat(folder)).isDirectory()) {
    throw new ExportNotFoundError(`there is no export "${name}": export again, then save it`);
  }
  return folder;
}

/** Every regular file under `folder` as [absolute path, path inside the export with "/"], sorted; links are skipped. */
export async function listExportFiles(folder: string): Promise<[string, string][]> {
  const out: [string, string][] = [];
  async function walk(dir: string, prefix: string) {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      if (!isInside(folder, full)) continue;
      if (entry.isDirectory()) await walk(full, `${prefix}${entry.name}/`);
      else if (entry.isFile()) out.push([full, `${prefix}${entry.name}`]);
    }
  }
  await walk(folder, '');
  return out;
}
