import Fastify, { type FastifyInstance } from 'fastify';
import { authRoutes } from '../auth/authRoutes';
import { batchRoutes } from '../batches/batchRoutes';
import { itemRoutes } from '../consensus/itemRoutes';
import type { HubContext } from '../context';
import { groundworkDomain } from '../../core/sync/eip712';
import { epochRoutes } from '../epochs/epochRoutes';
import { mediaRoutes } from '../media/mediaRoutes';
import { heldMediaRoutes } from '../media/heldMedia';
import { taskRoutes } from '../tasks/taskRoutes';
import { disputeRoutes } from '../disputes/disputeRoutes';
import { reputationRoutes } from '../reputation/reputationRoutes';
import { verdictRoutes } from '../verdicts/verdictRoutes';
import { exportRoutes } from '../export/exportRoutes';
import { installAccess } from '../access/installAccess';
import { registerIpRateLimit } from '../access/rateLimits';
import { configRoute, healthRoute } from '../../core/hubApi/config';
import { serveRoute } from './serveRoute';

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
};

/** Every refusal is `{ error: code, message }` with a 4xx; 5xx hide internals. */
export function buildApp(ctx: HubContext): FastifyInstance {
  const app = Fastify({ bodyLimit: 1024 * 1024, logger: false });
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      console.error('hub: internal error', err);
      return reply.status(status).send({ error: err.name === 'HubError' ? err.code : 'internal', message: err.name === 'HubError' ? err.message : 'internal error' });
    }
    const code = err.name === 'HubError' ? err.code! : (FASTIFY_CODES[err.code ?? ''] ?? 'bad_request');
    return reply.status(status).send({ error: code, message: err.message });
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url}` }));
  // Before any route: every route must declare who may call it (hub/access), and is rate limited.
  installAccess(app, ctx);
  registerIpRateLimit(app, ctx);
  // In a plugin that loads after the rate limiter, so its onRoute hook sees every route.
  app.register(async (routes) => hubRoutes(routes, ctx));
  return app;
}

function hubRoutes(app: FastifyInstance, ctx: HubContext): void {
  serveRoute(app, healthRoute, async () => ({ ok: true, db: ctx.db.kind }));
  serveRoute(app, configRoute, async () => ({
    chainId: ctx.config.chainId,
    rewardsContract: ctx.config.rewardsContract,
    token: ctx.config.token,
    stakeRegistry: ctx.config.stakeRegistry,
    domain: { ...groundworkDomain({ chainId: ctx.config.chainId, verifyingContract: ctx.config.rewardsContract }) },
    siweDomain: ctx.config.siweDomain,
    limits: { maxItemsPerBatch: ctx.config.maxItemsPerBatch, maxShapesPerItem: ctx.config.maxShapesPerItem, batchBodyLimit: ctx.config.batchBodyLimit },
  }));
  authRoutes(app, ctx);
  taskRoutes(app, ctx);
  mediaRoutes(app, ctx);
  heldMediaRoutes(app, ctx);
  batchRoutes(app, ctx);
  itemRoutes(app, ctx);
  epochRoutes(app, ctx);
  disputeRoutes(app, ctx);
  verdictRoutes(app, ctx);
  reputationRoutes(app, ctx);
  exportRoutes(app, ctx);
}
