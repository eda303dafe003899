import { parseResponse, requestOf, type JsonHubRoute, type RouteInput, type RouteResponse } from '../../core/hubApi/route';
import { call } from '../testKit';

/**
 * One route of core/hubApi over HTTP, as a workstation calls it: the request
 * built from the definition, the answer checked by its response schema. A
 * refusal (status ≥ 300) or an answer of another shape throws, naming the
 * route. For tests, the e2e helpers and the benches.
 */
export async function callRoute<R extends JsonHubRoute>(hub: { url: string }, route: R, input: RouteInput = {}, token?: string): Promise<RouteResponse<R>> {
  const request = requestOf(route, input);
  const res = await call<unknown>(hub, request.method, request.path, { token, json: request.body });
  if (res.status >= 300) throw new Error(`${route.method} ${route.path} refused (${res.status}): ${JSON.stringify(res.body)}`);
  return parseResponse(route, res.body) as RouteResponse<R>;
}
