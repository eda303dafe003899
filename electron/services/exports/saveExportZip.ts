import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { ServiceError } from '../../common/contract/errors';
import { resolveExportFolder } from './exportFolder';
import { writeExportZip } from './zipExport';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  ENOENT: 'the folder does not exist',
  EISDIR: 'it is a folder',
};

/**
 * Writes the export `name` as a zip to `target` (a path the user chose in the
 * save dialog). The zip is written beside it under a temporary name and
 * renamed at the end, so a failed save leaves neither a half zip nor a
 * damaged older file of that name.
 */
export async function saveExportZip(dataDir: string, name: string, target: string): Promise<void> {
  const folder = await resolveExportFolder(dataDir, name);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.part`);
  try {
    const out = createWriteStream(temp, { flags: 'wx' });
    const opened = new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject));
    await opened;
    await writeExportZip(folder, name, out);
    out.end();
    await finished(out);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new ServiceError(`could not save the export to "${target}": ${REASONS[code] ?? (error as Error).message}`);
  }
}
