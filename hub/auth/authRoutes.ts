import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HubContext } from '../context';
import { parseBody } from '../http/parseBody';
import { signInRateLimit } from '../access/rateLimits';
import { changeRole } from './roleGrants';
import { GRANTED_ROLES, tokenHash } from './roles';
import { issueNonce, verifySignIn } from './siweLogin';

const VerifyBody = z.object({ message: z.string().min(1).max(4096), signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/, '65-byte hex signature') });
const GrantBody = z.object({ role: z.enum(GRANTED_ROLES) });

export function authRoutes(app: FastifyInstance, ctx: HubContext): void {
  // Anonymous, and each nonce is a row: a tighter per-IP limit than the rest of the API.
  app.post('/auth/nonce', { config: { access: 'anyone', rateLimit: signInRateLimit(ctx) } }, async () => ({ nonce: await issueNonce(ctx) }));

  app.post('/auth/verify', { config: { access: 'anyone', rateLimit: signInRateLimit(ctx) } }, async (req) => {
    const body = parseBody(VerifyBody, req.body);
    return verifySignIn(ctx, body.message, body.signature);
  });

  app.get('/auth/me', { config: { access: 'signedIn' } }, async (req) => req.account);

  // Ends the caller's session (this token only; other sessions of the account stay).
  app.post('/auth/logout', { config: { access: 'signedIn' } }, async (req) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')![1]!;
    await ctx.db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash(token)]);
    return { loggedOut: true, address: req.account!.address };
  });

  // The operator grants (and revokes) the requester and reviewer roles (auth/roleGrants.ts, as `npm run hub -- grant|revoke` does); operator comes from config.
  for (const [method, grant] of [['post', true], ['delete', false]] as const) {
    app[method]('/accounts/:address/roles', { config: { access: 'operator' } }, async (req) => {
      const { role } = parseBody(GrantBody, req.body);
      return changeRole(ctx.db, ctx, grant, (req.params as { address: string }).address, role, req.account!.address);
    });
  }
}
