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

export type ServeOptions = Omit<RouteShorthandOptions, 'config'> & {
  /** Route config beside the access rule (e.g. `rateLimit`). */
  config?: Record<string, unknown>;
  /**
   * The handler verifies the body itself (a raw text or stream body, or a
   * checker that answers its own codes): `body` is handed over unparsed.
   */
  bodyCheckedByHandler?: boolean;
};

/**
 * Serves one route of `core/hubApi`: declares its access rule (installAccess
 * puts the guard in front) and hands the handler its params, query and body
 * already parsed by the route's schemas (400 `invalid_params` /
 * `invalid_query` / `invalid_body`, naming the field). Extra Fastify options
 * (bodyLimit, …) pass through.
 */
export function serveRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType | null>(
  app: FastifyInstance,
  route: HubRoute<P, Q, B, R>,
  handler: (input: ServedInput<P, Q, B>) => Promise<unknown> | unknown,
  options: ServeOptions = {},
): void {
  const { config, bodyCheckedByHandler, ...fastifyOptions } = options;
  const bodySchema = bodyCheckedByHandler ? undefined : route.body;
  app.route({
    ...fastifyOptions,
    method: route.method,
    url: route.path,
    config: { ...config, access: route.access as AccessRule },
    handler: async (req, reply) =>
      handler({
        params: (route.params ? parseBody(route.params, req.params, 'invalid_params') : req.params) as z.output<P>,
        query: (route.query ? parseBody(route.query, req.query, 'invalid_query') : req.query) as z.output<Q>,
        body: (bodySchema ? parseBody(bodySchema, req.body) : req.body) as z.output<B>,
        req,
        reply,
      }),
  });
}
