import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HubContext } from '../context';
import { HubError } from '../http/hubError';

/** 429 in the hub's error shape; `retry-after` (seconds) is set by the plugin. */
const limited = (after: string) => new HubError(429, 'rate_limited', `too many requests: retry in ${after}`);

/**
 * The per-IP limit on every route (@fastify/rate-limit, in memory: each
 * replica counts its own). Registered before the routes, whose plugin loads
 * after it so its onRoute hook sees each of them. Keyed by the socket's
 * address: behind a proxy, configure Fastify's trustProxy first.
 */
export function registerIpRateLimit(app: FastifyInstance, ctx: HubContext): void {
  const { perIp, windowMs } = ctx.config.rateLimit;
  app.register(rateLimit, {
    global: true,
    max: perIp,
    timeWindow: windowMs,
    errorResponseBuilder: (_req, c) => limited(c.after),
  });
}

/**
 * The tighter per-IP limit of the anonymous sign-in routes (POST
 * /auth/nonce and /auth/verify, each counted on its own): a route's
 * `config.rateLimit` replaces the global limit for that route. Every nonce
 * is a row, so this bounds how fast one address can grow auth_nonces.
 */
export function signInRateLimit(ctx: HubContext) {
  return { max: ctx.config.rateLimit.signInPerIp, timeWindow: ctx.config.rateLimit.windowMs };
}

/**
 * The per-account limit of authenticated routes, keyed by the session's
 * address (so one account cannot hide behind many IPs, nor many sessions).
 * Built on the plugin's `createRateLimit`, which only counts: the guard
 * calls it after authenticating and throws the 429 itself.
 */
export function accountRateLimiter(app: FastifyInstance, ctx: HubContext): (req: FastifyRequest, reply: FastifyReply) => Promise<void> {
  let check: ReturnType<FastifyInstance['createRateLimit']> | undefined;
  return async (req, reply) => {
    // Created on first use: the plugin's decorator exists only once the plugin has loaded.
    check ??= app.createRateLimit({
      max: ctx.config.rateLimit.perAccount,
      timeWindow: ctx.config.rateLimit.windowMs,
      keyGenerator: (r) => `account:${r.account?.address ?? ''}`,
    });
    const result = await check(req);
    if (!result.isAllowed && result.isExceeded) {
      reply.header('retry-after', result.ttlInSeconds);
      throw limited(`${result.ttlInSeconds} s`);
    }
  };
}
