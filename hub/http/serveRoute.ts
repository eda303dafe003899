import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { z } from 'zod';
import type { HubRoute } from '../../core/hubApi/route';
import type { AccessRule } from '../access/accessRules';
import { parseBody } from './parseBody';

export interface ServedInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  req: FastifyRequest;
  reply: FastifyReply;
}

/**
 * Serves one route of `core/hubApi`: declares its access rule (installAccess
 * puts the guard in front) and hands the handler its params, query and body
 * already parsed by the route's schemas (400 `invalid_params` /
 * `invalid_query` / `invalid_body`, naming the field). Extra Fastify options
 * (bodyLimit, …) pass through.
 */
export function serveRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  app: FastifyInstance,
  route: HubRoute<P, Q, B, R>,
  handler: (input: ServedInput<P, Q, B>) => Promise<unknown> | unknown,
  options: Omit<RouteShorthandOptions, 'config'> = {},
): void {
  app.route({
    ...options,
    method: route.method,
    url: route.path,
    config: { access: route.access as AccessRule },
    handler: async (req, reply) =>
      handler({
        params: (route.params ? parseBody(route.params, req.params, 'invalid_params') : req.params) as z.output<P>,
        query: (route.query ? parseBody(route.query, req.query, 'invalid_query') : req.query) as z.output<Q>,
        body: (route.body ? parseBody(route.body, req.body) : req.body) as z.output<B>,
        req,
        reply,
      }),
  });
}
