import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireRole } from '../auth/roles';
import type { HubContext } from '../context';
import { parseBody } from '../http/parseBody';
import { catchUpReputation } from '../reputation/catchUp';
import { listDisputes } from './listDisputes';
import { requireReviewer } from './reviewerAccess';

const DisputeQuery = z.object({
  taskId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function disputeRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/disputes', { preHandler: requireRole(ctx) }, async (req) => {
    const query = parseBody(DisputeQuery, req.query, 'invalid_query');
    // The reviewer tier is read from an up-to-date reputation.
    if (!req.account!.roles.includes('reviewer')) await catchUpReputation(ctx);
    await requireReviewer(ctx, req.account!);
    return { disputes: await listDisputes(ctx, req.account!.address, query) };
  });
}
