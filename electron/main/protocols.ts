import { readFile, realpath } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentSecurityPolicy } from '../services/security/contentSecurityPolicy';
import { MediaError, httpStatusOf } from '../services/media/mediaErrors';
import { resolveMediaUrlPath } from '../services/media/mediaUrl';
import { resolveRendererFile } from '../services/rendererFiles';
import type { RootStore } from '../services/media/rootStore';
import { APP_HOST, APP_SCHEME, MEDIA_SCHEME } from './appOrigin';

export const ELECTRON_CSP = contentSecurityPolicy({ img: [`${MEDIA_SCHEME}:`] });

/** Must run before app 'ready': both schemes behave like https (secure context, fetch, CORS rules). */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

const headers = (type: string) => ({ 'Content-Type': type, 'Content-Security-Policy': ELECTRON_CSP, 'X-Content-Type-Options': 'nosniff' });
const text = (status: number, body: string) => new Response(body, { status, headers: headers('text/plain; charset=utf-8') });

/** app://renderer/<file> → out/renderer/<file>; gw-media://<rootId>/<relPath> → the media resolver. No file:// anywhere. */
export function handleProtocols(rendererDir: string, roots: RootStore): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return text(404, 'not found');
    const asset = await realpath(rendererDir).then((dir) => resolveRendererFile(dir, url.pathname), () => null);
    if (!asset) return text(404, 'not found');
    return new Response(await readFile(asset.file), { headers: headers(asset.contentType) });
  });
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    try {
      const media = await resolveMediaUrlPath(roots, `${url.host}${url.pathname}`);
      return new Response(await readFile(media.file), { headers: headers(media.mime) });
    } catch (error) {
      if (error instanceof MediaError) return text(httpStatusOf[error.code], error.message);
      return text(500, 'media could not be read');
    }
  });
}
