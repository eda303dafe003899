import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { MediaError, httpStatusOf } from '../services/media/mediaErrors';
import { resolveMediaUrlPath } from '../services/media/mediaUrl';
import type { RootStore } from '../services/media/rootStore';
import { sendText } from './requestGuards';

export const MEDIA_PREFIX = '/media/';

/** GET /media/<rootId>/<relPath>?token=… (the token is checked by the caller). Same resolver as readImage. */
export async function serveMedia(roots: RootStore, rawPathname: string, res: ServerResponse): Promise<void> {
  try {
    const media = await resolveMediaUrlPath(roots, rawPathname.slice(MEDIA_PREFIX.length));
    res.statusCode = 200;
    res.setHeader('Content-Type', media.mime);
    res.setHeader('Content-Length', media.size);
    res.setHeader('Cache-Control', 'private, no-cache');
    createReadStream(media.file).pipe(res);
  } catch (error) {
    if (error instanceof MediaError) return sendText(res, httpStatusOf[error.code], error.message);
    throw error;
  }
}
