import { mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The one media store every replica uses: the settings each replica's
 * environment gets. Replicas that each kept their own store would find the
 * `media` row of a file uploaded through another replica but not its bytes.
 */
export interface SharedMedia {
  kind: 'directory' | 's3';
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startSharedMedia(workDir: string): Promise<SharedMedia> {
  // One directory on this machine (HUB_MEDIA_DIR), what `npm run hub` offers today.
  const dir = path.join(workDir, 'media');
  mkdirSync(dir, { recursive: true });
  return { kind: 'directory', env: { HUB_MEDIA_DIR: dir }, stop: async () => undefined };
}
