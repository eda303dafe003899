import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { authenticate } from '../auth/roles';
import type { HubContext } from '../context';
import { ACCESS_RULES, isAccessRule, type AccessRule } from './accessRules';
import { CHECKS } from './guards';
import { accountRateLimiter } from './rateLimits';

/**
 * Puts every route behind its declared access rule. Must be called before
 * any route is added: the onRoute hook throws — so the hub does not start —
 * for a route that declares no rule (or an unknown one), and prepends the
 * rule's guard to the route's own preHandlers. Signed-in routes also count
 * against the caller's per-account rate limit.
 */
export function installAccess(app: FastifyInstance, ctx: HubContext): void {
  const limitAccount = accountRateLimiter(app, ctx);

  function guardFor(rule: AccessRule): preHandlerHookHandler | null {
    if (rule === 'anyone') return null;
    const check = CHECKS[rule];
    return async function accessGuard(this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
      const account = await authenticate(ctx, req);
      await limitAccount(req, reply);
      await check(ctx, req, account);
    };
  }

  app.addHook('onRoute', (route) => {
    const rule: unknown = route.config?.access;
    if (!isAccessRule(rule)) {
      throw new Error(
        `hub route ${String(route.method)} ${route.url} declares ${rule === undefined ? 'no access rule' : `an unknown access rule "${String(rule)}"`}: add config: { access: one of ${Object.keys(ACCESS_RULES).join(', ')} } (hub/access/accessRules.ts)`,
      );
    }
    const guard = guardFor(rule);
    if (!guard) return;
    const own = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    // A new array: the HEAD twin of a GET route is cloned from the same options.
    route.preHandler = [guard, ...own];
  });
}
