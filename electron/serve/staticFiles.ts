import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { resolveRendererFile } from '../services/rendererFiles';
import { sendText } from './requestGuards';

/** Serves the built renderer; "/" is index.html. Anything outside rendererDir is a 404. */
export async function serveStatic(rendererRealDir: string, pathname: string, res: ServerResponse): Promise<void> {
  const asset = await resolveRendererFile(rendererRealDir, pathname);
  if (!asset) return sendText(res, 404, 'not found');
  res.statusCode = 200;
  res.setHeader('Content-Type', asset.contentType);
  res.setHeader('Content-Length', asset.size);
  // index.html names the hashed bundles, so it must never be cached; the bundles may be.
  res.setHeader('Cache-Control', asset.isIndex ? 'no-store' : 'no-cache');
  createReadStream(asset.file).pipe(res);
}
