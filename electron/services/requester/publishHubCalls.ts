import { createReadStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { putMediaRoute } from '../../../core/hubApi/media';
import { parseResponse, requestOf, type HubRoute, type RouteInput, type RouteResponse } from '../../../core/hubApi/route';
import type { HubClient } from '../hub/hubClient';
import { HubRequestError } from '../hub/hubHttp';
import type { HubRegistry } from '../hub/hubRegistry';

/** One route of core/hubApi as the signed-in wallet, its answer checked against the route's schema. */
export async function callRoute<R extends HubRoute>(client: HubClient, hubUrl: string, route: R, input: RouteInput = {}, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<RouteResponse<R>> {
  const request = requestOf(route, input);
  const json = await client.authed<unknown>(hubUrl, request.path, { method: request.method as 'GET' | 'POST' | 'PUT', body: request.body, ...options });
  return parseResponse(route, json) as RouteResponse<R>;
}

async function refusalOf(response: Response): Promise<HubRequestError> {
  let code = `http_${response.status}`;
  let reason = response.statusText || `HTTP ${response.status}`;
  try {
    const body = (await response.json()) as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string') code = body.error;
    if (typeof body.message === 'string') reason = body.message;
  } catch {
    // not JSON: the status line says enough
  }
  const transient = response.status >= 500 || response.status === 429 || response.status === 408;
  return new HubRequestError({ kind: transient ? 'network' : 'rejected', code, reason, status: response.status });
}

/**
 * PUT /media/:sha256 with the file streamed from disk (never held whole in
 * memory). `onSent` gets the bytes of this file sent so far (from 0 again if
 * the upload is retried). Signs in when there is no session, and once more
 * if the hub says the session is gone. Refusals are HubRequestErrors like
 * every other hub call.
 */
export async function putMediaFile(
  client: HubClient,
  registry: HubRegistry,
  hubUrl: string,
  media: { sha256: string; file: string; size: number },
  signal: AbortSignal,
  onSent: (bytes: number) => void,
): Promise<{ created: boolean }> {
  const send = async (token: string): Promise<Response> => {
    let sent = 0;
    onSent(0);
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        sent += chunk.length;
        onSent(sent);
        done(null, chunk);
      },
    });
    const body = Readable.toWeb(createReadStream(media.file).pipe(meter)) as ReadableStream<Uint8Array>;
    try {
      return await fetch(`${hubUrl}/media/${media.sha256}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        body,
        duplex: 'half',
        signal: AbortSignal.any([signal, AbortSignal.timeout(30 * 60_000)]),
      } as RequestInit);
    } catch (error) {
      if (signal.aborted) throw error;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new HubRequestError({ kind: 'network', code: cause?.code ?? 'unreachable', reason: `cannot upload to ${hubUrl}: ${cause?.code ?? cause?.message ?? (error as Error).message}` });
    }
  };
  const token = async () => {
    if (!registry.session(hubUrl)) await client.signIn(hubUrl);
    return registry.session(hubUrl)!.token;
  };
  let response = await send(await token());
  if (response.status === 401) {
    await response.body?.cancel();
    registry.dropSession(hubUrl);
    response = await send(await token());
  }
  if (!response.ok) throw await refusalOf(response);
  return { created: parseResponse(putMediaRoute, await response.json()).created };
}
