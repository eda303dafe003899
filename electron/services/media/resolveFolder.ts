import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { MediaError } from './mediaErrors';

/** An absolute, existing folder as its real path; a MediaError naming the folder otherwise. */
export async function resolveFolder(folder: string): Promise<string> {
  if (!path.isAbsolute(folder)) throw new MediaError('invalid', `"${folder}" is not an absolute folder path`);
  let real: string;
  try {
    real = await realpath(folder);
  } catch {
    throw new MediaError('not-found', `the folder "${folder}" does not exist`);
  }
  if (!(await stat(real)).isDirectory()) throw new MediaError('invalid', `"${folder}" is a file, not a folder`);
  return real;
}
