import { randomBytes } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';

/** Write a file so readers see the old or the new content, never half of it. */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, content);
  await rename(temp, file);
}
