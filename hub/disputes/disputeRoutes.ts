import type { FastifyInstance } from 'fastify';
import { listDisputesRoute } from '../../core/hubApi/disputes';
import type { HubContext } from '../context';
import { serveRoute } from '../http/serveRoute';
import { listDisputes } from './listDisputes';

export function disputeRoutes(app: FastifyInstance, ctx: HubContext): void {
  // The 'reviewer' rule reads the tier from an up-to-date reputation (hub/access/reviewerRights.ts).
  serveRoute(app, listDisputesRoute, async ({ query, req }) => ({ disputes: await listDisputes(ctx, req.account!.address, query) }));
}
