import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../atomicWrite';

/**
 * Where the keystore lives: `<dataDir>/wallet/keystore.json`, the encrypted
 * file exactly as created or imported. A replaced wallet is renamed, never
 * deleted: it may hold the only copy of a funded key.
 */
export function createWalletFiles(dataDir: string) {
  const dir = path.join(dataDir, 'wallet');
  const file = path.join(dir, 'keystore.json');
  return {
    dir,
    file,
    async read(): Promise<string | null> {
      try {
        return await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    /** Writes the new keystore; a previous one is first moved to `replaced-<time>-keystore.json`. */
    async write(json: string): Promise<void> {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      try {
        await rename(file, path.join(dir, `replaced-${new Date().toISOString().replace(/[:.]/g, '-')}-keystore.json`));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      await writeFileAtomic(file, json);
    },
  };
}
