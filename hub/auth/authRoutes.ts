import type { FastifyInstance } from 'fastify';
import { getAddress } from 'ethers';
import { z } from 'zod';
import type { HubContext } from '../context';
import { badRequest, notFound } from '../http/hubError';
import { parseBody } from '../http/parseBody';
import { requireRole, ROLES, type Role } from './roles';
import { issueNonce, verifySignIn } from './siweLogin';

const VerifyBody = z.object({ message: z.string().min(1).max(4096), signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/, '65-byte hex signature') });
const GrantBody = z.object({ role: z.enum(['reviewer']) });

export function authRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.post('/auth/nonce', async () => ({ nonce: await issueNonce(ctx) }));

  app.post('/auth/verify', async (req) => {
    const body = parseBody(VerifyBody, req.body);
    return verifySignIn(ctx, body.message, body.signature);
  });

  app.get('/auth/me', { preHandler: requireRole(ctx) }, async (req) => req.account);

  // The operator grants (and revokes) the reviewer role; requester and operator come from config.
  for (const [method, grant] of [['post', true], ['delete', false]] as const) {
    app[method]('/accounts/:address/roles', { preHandler: requireRole(ctx, 'operator') }, async (req) => {
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
      return { address, roles: rows[0].roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)) };
    });
  }
}
