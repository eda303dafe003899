import type { FastifyInstance } from 'fastify';
import { getAddress } from 'ethers';
import { z } from 'zod';
import type { HubContext } from '../context';
import { badRequest, notFound } from '../http/hubError';
import { parseBody } from '../http/parseBody';
import { signInRateLimit } from '../access/rateLimits';
import { effectiveRoles, tokenHash, type Role } from './roles';
import { issueNonce, verifySignIn } from './siweLogin';

const VerifyBody = z.object({ message: z.string().min(1).max(4096), signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/, '65-byte hex signature') });
const GrantBody = z.object({ role: z.enum(['reviewer']) });

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

  // The operator grants (and revokes) the reviewer role; requester and operator come from config.
  for (const [method, grant] of [['post', true], ['delete', false]] as const) {
    app[method]('/accounts/:address/roles', { config: { access: 'operator' } }, async (req) => {
      const { role } = parseBody(GrantBody, req.body);
      let address: string;
      try {
        address = getAddress((req.params as { address: string }).address);
      } catch {
        throw badRequest('invalid_address', `not an address: "${(req.params as { address: string }).address}"`);
      }
      const rows = await ctx.db.query<{ roles: Role[] }>(
        grant
          ? `UPDATE accounts SET roles = ARRAY(SELECT DISTINCT r FROM unnest(roles || ARRAY[$2]::text[]) AS r ORDER BY r) WHERE address = $1 RETURNING roles`
          : `UPDATE accounts SET roles = array_remove(roles, $2) WHERE address = $1 RETURNING roles`,
        [address, role],
      );
      if (!rows[0]) throw notFound('unknown_account', `${address} has never signed in to this hub`);
      return { address, roles: effectiveRoles(ctx, address, rows[0].roles) };
    });
  }
}
