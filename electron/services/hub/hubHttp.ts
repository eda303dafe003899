import { parseResponse, requestOf, type HubRoute, type JsonHubRoute, type RouteInput, type RouteResponse } from '../../../core/hubApi/route';
import { ServiceError } from '../../common/contract/errors';
import type { HubFailure } from '../../common/services/hubService';

/**
 * A failed hub call, classified for the caller: `network` (unreachable,
 * timeout, 5xx, 429 — the same request may succeed later) or `rejected`
 * (a 4xx with the hub's own `{ error, message }`: retrying will not help).
 * Reaches the renderer as a ServiceError whose details are the HubFailure.
 */
export class HubRequestError extends ServiceError {
  override name = 'HubRequestError';
  constructor(readonly failure: HubFailure) {
    super(`hub ${failure.kind === 'network' ? 'unreachable' : 'refused'}: ${failure.reason}`, failure);
  }
}

export interface HubRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as application/octet-stream (media uploads). */
  bytes?: Uint8Array;
  /** Bearer session token. */
  token?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Base URL without a trailing slash: one hub, one key in every map and file. */
export function normalizeHubUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/** A refusal's `{ error, message }` body (or `{ code, reason }`); `fallbackReason` when the body says nothing (not JSON: an object store's XML). */
export async function failureOf(response: Response, fallbackReason?: string): Promise<HubFailure> {
  let code = `http_${response.status}`;
  let reason = fallbackReason ?? (response.statusText || `HTTP ${response.status}`);
  try {
    const body = (await response.json()) as { error?: unknown; code?: unknown; message?: unknown; reason?: unknown };
    if (typeof body.error === 'string') code = body.error;
    else if (typeof body.code === 'string') code = body.code;
    if (typeof body.message === 'string') reason = body.message;
    else if (typeof body.reason === 'string') reason = body.reason;
  } catch {
    // not JSON: keep the status line
  }
  const transient = response.status >= 500 || response.status === 429 || response.status === 408;
  return { kind: transient ? 'network' : 'rejected', code, reason, status: response.status };
}

/** The raw response of a hub call that answered 2xx; anything else throws a HubRequestError. */
export async function hubFetch(hubUrl: string, path: string, request: HubRequest = {}, headers: Record<string, string> = {}): Promise<Response> {
  const signals = [AbortSignal.timeout(request.timeoutMs ?? 30_000), ...(request.signal ? [request.signal] : [])];
  let response: Response;
  try {
    response = await fetch(`${hubUrl}${path}`, {
      method: request.method ?? (request.body === undefined && request.bytes === undefined ? 'GET' : 'POST'),
      headers: {
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(request.bytes === undefined ? {} : { 'content-type': 'application/octet-stream' }),
        ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
        ...headers,
      },
      body: request.bytes ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
      signal: AbortSignal.any(signals),
    });
  } catch (error) {
    if (request.signal?.aborted) throw error;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = (error as Error).name === 'TimeoutError' ? `no answer from ${hubUrl} within ${request.timeoutMs ?? 30_000} ms` : `cannot reach ${hubUrl}: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
    throw new HubRequestError({ kind: 'network', code: cause?.code ?? 'unreachable', reason });
  }
  if (!response.ok && response.status !== 206) throw new HubRequestError(await failureOf(response));
  return response;
}

/** The JSON body of a 2xx response; a body that is not JSON counts as a network fault (a proxy's error page). */
export async function jsonOf<T>(response: Response, where: string): Promise<T> {
  try {
    return (await response.json()) as T;
  } catch {
    throw new HubRequestError({ kind: 'network', code: 'bad_response', reason: `${where} did not answer JSON`, status: response.status });
  }
}

/** A JSON hub call. */
export async function hubJson<T>(hubUrl: string, path: string, request: HubRequest = {}): Promise<T> {
  return jsonOf<T>(await hubFetch(hubUrl, path, request), `${hubUrl}${path}`);
}

/** A JSON route of core/hubApi: the request built from its definition, the answer checked by its response schema. */
export type JsonRoute = JsonHubRoute;

/** The request of a route call, in hubFetch's terms. */
export function routeRequest(route: HubRoute, input: RouteInput, request: Omit<HubRequest, 'method' | 'body'> = {}): { path: string; request: HubRequest } {
  const { method, path, body } = requestOf(route, input);
  return { path, request: { ...request, method, body } };
}

/**
 * A route's JSON answer, checked by its response schema. An answer of the
 * wrong shape is a network-kind fault (`bad_response`, naming the route and
 * the field): the hub or something in between is broken; retrying later may help.
 */
export async function routeAnswer<R extends JsonRoute>(route: R, response: Response, where: string): Promise<RouteResponse<R>> {
  const json = await jsonOf<unknown>(response, where);
  try {
    return parseResponse(route, json) as RouteResponse<R>;
  } catch (error) {
    throw new HubRequestError({ kind: 'network', code: 'bad_response', reason: `${where}: ${(error as Error).message}`, status: response.status });
  }
}

/** A route call without a session (public routes: /config, /reputation, /tiers, sign-in). */
export async function callPublic<R extends JsonRoute>(hubUrl: string, route: R, input: RouteInput = {}, request: Omit<HubRequest, 'method' | 'body'> = {}): Promise<RouteResponse<R>> {
  const call = routeRequest(route, input, request);
  return routeAnswer(route, await hubFetch(hubUrl, call.path, call.request), `${hubUrl}${call.path}`);
}
