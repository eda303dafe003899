import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DirectoryListing } from '../../common/services/mediaService';
import { MediaError } from './mediaErrors';
import { isImageFile } from './imageTypes';
import { resolveFolder } from './resolveFolder';

/**
 * A folder browser for hosts without a native dialog: sub-folders and images,
 * hidden entries left out, folders first. Listing grants nothing; the user
 * still has to open the folder.
 */
export async function listDirectory(folder: string | undefined): Promise<DirectoryListing> {
  const requested = folder && folder.length > 0 ? folder : os.homedir();
  const real = await resolveFolder(requested);
  let dirents;
  try {
    dirents = await readdir(real, { withFileTypes: true });
  } catch (error) {
    throw new MediaError('forbidden', `the folder "${real}" cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const entries: DirectoryListing['entries'] = [];
  for (const d of dirents) {
    if (d.name.startsWith('.')) continue;
    const full = path.join(real, d.name);
    const isDirectory = d.isDirectory() || (d.isSymbolicLink() && (await isDirectoryQuietly(full)));
    if (isDirectory || isImageFile(d.name)) entries.push({ name: d.name, path: full, isDirectory });
  }
  entries.sort((a, b) => Number(b.isDirectory) - Number(a.isDirectory) || a.name.localeCompare(b.name));
  const parent = path.dirname(real);
  return { path: real, parent: parent === real ? null : parent, entries };
}

async function isDirectoryQuietly(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}
