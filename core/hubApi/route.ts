import type { z } from 'zod';

/**
 * One hub route, defined once: its method and path, who may call it, and the
 * zod schemas of its path parameters, query, JSON body and JSON response.
 * The hub serves it (`hub/http/serveRoute.ts` parses params, query and body
 * with these schemas and declares `access`); the workstation's hub client,
 * the e2e helpers and the benches call it (`requestOf` builds the request,
 * `parseResponse` checks the answer). A change of a route's shape is one
 * edit here, and every side fails to compile or to parse until it follows.
 *
 * `access` is the hub's access rule name (`hub/access/accessRules.ts`); it
 * is a string here because core may not import the hub.
 */
export interface HubRoute<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType | null = z.ZodType | null,
> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify-style path with `:name` parameters, e.g. `/tasks/:taskId/progress`. */
  path: string;
  access: string;
  params?: P;
  query?: Q;
  body?: B;
  /** The JSON answer; `null` for a route that answers bytes (media, zip). */
  response: R;
}

/** A route that answers JSON (every route but the byte ones). */
export type JsonHubRoute = HubRoute<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

export type RouteParams<T> = T extends HubRoute<infer P, z.ZodType, z.ZodType, z.ZodType | null> ? z.input<P> : never;
export type RouteQuery<T> = T extends HubRoute<z.ZodType, infer Q, z.ZodType, z.ZodType | null> ? z.input<Q> : never;
export type RouteBody<T> = T extends HubRoute<z.ZodType, z.ZodType, infer B, z.ZodType | null> ? z.input<B> : never;
export type RouteResponse<T> = T extends HubRoute<z.ZodType, z.ZodType, z.ZodType, infer R> ? (R extends z.ZodType ? z.output<R> : never) : never;

/** Identity with inference: `export const taskProgressRoute = defineRoute({ ... })`. */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType | null>(route: HubRoute<P, Q, B, R>): HubRoute<P, Q, B, R> {
  return route;
}

export interface RouteInput {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

/** The concrete request of a route: `:name` parameters filled in (URI-encoded), the query string appended. */
export function requestOf(route: HubRoute, input: RouteInput = {}): { method: HubRoute['method']; path: string; body?: unknown } {
  const path = route.path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => {
    const value = input.params?.[name];
    if (value === undefined) throw new Error(`${route.method} ${route.path}: missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const query = Object.entries(input.query ?? {}).filter(([, v]) => v !== undefined);
  const search = query.length === 0 ? '' : `?${query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}`;
  return { method: route.method, path: `${path}${search}`, ...(input.body === undefined ? {} : { body: input.body }) };
}

/** A route's answer checked against its response schema; the error names the route and the first bad field. */
export function parseResponse<R extends z.ZodType | null>(route: HubRoute<z.ZodType, z.ZodType, z.ZodType, R>, json: unknown): R extends z.ZodType ? z.output<R> : never {
  if (!route.response) throw new Error(`${route.method} ${route.path} answers bytes, not JSON`);
  const result = route.response.safeParse(json);
  if (result.success) return result.data as R extends z.ZodType ? z.output<R> : never;
  const issue = result.error.issues[0]!;
  throw new HubResponseError(`${route.method} ${route.path} answered an unexpected body: ${issue.path.join('.') || 'body'}: ${issue.message}`);
}

export class HubResponseError extends Error {
  override name = 'HubResponseError';
}
