import { getMediaRoute } from '../../../core/hubApi/media';
import { failureOf, HubRequestError, routeRequest } from './hubHttp';
import { checkMediaRedirect } from './mediaRedirect';

/** The session token for a hub's media route, and a fresh one after a 401. */
export interface MediaSession {
  token(hubUrl: string): Promise<string>;
  renew(hubUrl: string): Promise<string>;
}


/** A download may run this long before it is given up (the same as a hub download before object storage). */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

async function failed(response: Response, where: string): Promise<HubRequestError> {
  return new HubRequestError(await failureOf(response, `${where} answered HTTP ${response.status}`));
}

async function reach(url: string | URL, init: RequestInit, where: string): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if ((init.signal as AbortSignal | undefined)?.aborted && (error as Error).name === 'AbortError') throw error;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new HubRequestError({ kind: 'network', code: cause?.code ?? 'unreachable', reason: `cannot download from ${where}: ${cause?.code ?? cause?.message ?? (error as Error).message}` });
  }
}

/**
 * `GET /media/:sha256` from byte `from` on, redirects followed by hand:
 * the hub gets the session token and is never followed automatically; a
 * 3xx is checked (mediaRedirect.ts) and then fetched with the Range header
 * alone — no Authorization, no cookie, nothing of the hub's session goes to
 * the object store — and the store's own redirects are refused. (Node's
 * fetch drops Authorization on a cross-origin redirect too, but would have
 * sent the request before anyone could look at the target.)
 */
export async function fetchMedia(session: MediaSession, hubUrl: string, sha256: string, from: number, signal: AbortSignal): Promise<Response> {
  const { path } = routeRequest(getMediaRoute, { params: { sha256 } });
  const range: Record<string, string> = from > 0 ? { range: `bytes=${from}-` } : {};
  const timed = AbortSignal.any([signal, AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS)]);
  const ask = async (token: string) => reach(`${hubUrl}${path}`, { headers: { authorization: `Bearer ${token}`, ...range }, redirect: 'manual', signal: timed }, hubUrl);
  let response = await ask(await session.token(hubUrl));
  if (response.status === 401) {
    await response.body?.cancel();
    response = await ask(await session.renew(hubUrl));
  }
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location');
    await response.body?.cancel();
    if (!location) throw new HubRequestError({ kind: 'rejected', code: 'bad_media_redirect', reason: `${hubUrl} answered ${response.status} without a Location`, status: response.status });
    const target = await checkMediaRedirect(hubUrl, location);
    response = await reach(target, { headers: range, redirect: 'error', credentials: 'omit', signal: timed }, target.host);
    if (!response.ok && response.status !== 206) throw await failed(response, target.host);
    return response;
  }
  if (!response.ok && response.status !== 206) throw await failed(response, hubUrl);
  return response;
}
