import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { ServiceError } from '../../common/contract/errors';

/**
 * The folder the user chose for a dataset: an absolute path on this host,
 * an existing folder, writable. Refused in words before anything is fetched,
 * so a typo never costs a download (and nothing is created to make it exist).
 */
export async function checkExportFolder(folder: string): Promise<string> {
  if (!path.isAbsolute(folder)) throw new ServiceError(`"${folder}" is not an absolute path: choose a folder on this computer, e.g. /home/you/datasets`, { code: 'folder-not-absolute' });
  const resolved = path.resolve(folder);
  let info;
  try {
    info = await stat(resolved);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ServiceError(`the folder ${resolved} does not exist: create it first or choose another`, { code: 'folder-missing' });
    throw new ServiceError(`the folder ${resolved} cannot be read (${code ?? (error as Error).message})`, { code: 'folder-not-writable' });
  }
  if (!info.isDirectory()) throw new ServiceError(`${resolved} is a file, not a folder: choose the folder to save the dataset in`, { code: 'not-a-folder' });
  try {
    await access(resolved, constants.W_OK);
  } catch {
    throw new ServiceError(`the folder ${resolved} is not writable: choose another`, { code: 'folder-not-writable' });
  }
  return resolved;
}

/** A write that failed because of the folder (read-only file system, permissions, disk full) in words, with the folder's code. */
export function folderWriteError(folder: string, error: unknown): ServiceError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new ServiceError(`the folder ${folder} is not writable (${code}): choose another`, { code: 'folder-not-writable' });
  if (code === 'ENOSPC' || code === 'EDQUOT') return new ServiceError(`no space left in ${folder}: nothing was saved`, { code: 'folder-full' });
  return new ServiceError(`could not write in ${folder}: ${(error as Error).message}`, { code: 'folder-not-writable' });
}
