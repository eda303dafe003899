import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HubContext } from '../context';
import { parseBody } from '../http/parseBody';
import { listDisputes } from './listDisputes';

const DisputeQuery = z.object({
  taskId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function disputeRoutes(app: FastifyInstance, ctx: HubContext): void {
  // The 'reviewer' rule reads the tier from an up-to-date reputation (hub/access/reviewerRights.ts).
  app.get('/disputes', { config: { access: 'reviewer' } }, async (req) => {
    const query = parseBody(DisputeQuery, req.query, 'invalid_query');
    return { disputes: await listDisputes(ctx, req.account!.address, query) };
  });
}
