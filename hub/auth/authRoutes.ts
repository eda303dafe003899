import type { FastifyInstance } from 'fastify';
import { authLogoutRoute, authMeRoute, authNonceRoute, authVerifyRoute } from '../../core/hubApi/auth';
import { grantRoleRoute, revokeRoleRoute } from '../../core/hubApi/roles';
import type { HubContext } from '../context';
import { serveRoute } from '../http/serveRoute';
import { signInRateLimit } from '../access/rateLimits';
import { changeRole } from './roleGrants';
import { tokenHash } from './roles';
import { issueNonce, verifySignIn } from './siweLogin';

export function authRoutes(app: FastifyInstance, ctx: HubContext): void {
  // Anonymous, and each nonce is a row: a tighter per-IP limit than the rest of the API.
  const signInLimit = { config: { rateLimit: signInRateLimit(ctx) } };
  serveRoute(app, authNonceRoute, async () => ({ nonce: await issueNonce(ctx) }), signInLimit);

  serveRoute(app, authVerifyRoute, async ({ body }) => verifySignIn(ctx, body.message, body.signature), signInLimit);

  serveRoute(app, authMeRoute, async ({ req }) => req.account);

  // Ends the caller's session (this token only; other sessions of the account stay).
  serveRoute(app, authLogoutRoute, async ({ req }) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')![1]!;
    await ctx.db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash(token)]);
    return { loggedOut: true, address: req.account!.address };
  });

  // The operator grants (and revokes) the requester and reviewer roles (auth/roleGrants.ts, as `npm run hub -- grant|revoke` does); operator comes from config.
  for (const [route, grant] of [[grantRoleRoute, true], [revokeRoleRoute, false]] as const) {
    serveRoute(app, route, async ({ params, body, req }) => changeRole(ctx.db, ctx, grant, params.address, body.role, req.account!.address));
  }
}
