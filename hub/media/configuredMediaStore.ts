import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULTS, type HubConfig } from '../config';
import { openMediaStore, type MediaStore } from './mediaStore';
import { openS3MediaStore, S3_COPY_LIMIT } from './s3MediaStore';

/** The folder of the local store: `mediaDir`, else beside the PGlite data directory, else a temp dir (an in-memory hub). */
export function localMediaDir(config: Pick<HubConfig, 'mediaDir' | 'dataDir'>): string {
  if (config.mediaDir) return config.mediaDir;
  if (config.dataDir) return path.join(config.dataDir, '..', `${path.basename(config.dataDir)}-media`);
  return mkdtempSync(path.join(os.tmpdir(), 'hub-media-'));
}

/** The hub's media store: object storage when `mediaS3` is set (shared by replicas), else the local folder. */
export async function openConfiguredMediaStore(config: Pick<HubConfig, 'mediaDir' | 'dataDir' | 'mediaS3' | 'mediaBodyLimit'>): Promise<MediaStore> {
  if (!config.mediaS3) return openMediaStore(localMediaDir(config));
  const limit = config.mediaBodyLimit ?? DEFAULTS.mediaBodyLimit;
  // Refused at start, not at the first large upload.
  if (limit > S3_COPY_LIMIT) throw new Error(`HUB_MEDIA_BODY_LIMIT ${limit} is past the ${S3_COPY_LIMIT} bytes one S3 CopyObject copies`);
  return openS3MediaStore(config.mediaS3);
}
