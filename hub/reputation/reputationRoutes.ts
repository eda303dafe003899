import { getAddress } from 'ethers';
import type { FastifyInstance } from 'fastify';
import { reputationRoute, tiersRoute } from '../../core/hubApi/reputation';
import { tierTableToJson } from '../../core/reputation';
import type { HubContext } from '../context';
import { badRequest } from '../http/hubError';
import { serveRoute } from '../http/serveRoute';
import { catchUpReputation } from './catchUp';
import { readHistory } from './reputationStore';
import { accountStanding, standingJson } from './standing';

/** Public, like GET /rewards: a reputation is about work the hub already shows to reviewers and payers. */
export function reputationRoutes(app: FastifyInstance, ctx: HubContext): void {
  serveRoute(app, reputationRoute, async ({ params }) => {
    let account: string;
    try {
      account = getAddress(params.account);
    } catch {
      throw badRequest('invalid_address', `not an address: "${params.account}"`);
    }
    await catchUpReputation(ctx);
    const [standing, history] = await Promise.all([accountStanding(ctx, account), readHistory(ctx.db, account)]);
    return standingJson(standing, history);
  });

  serveRoute(app, tiersRoute, async () => ({
    ...tierTableToJson(ctx.config.tierTable),
    stakeRegistry: ctx.config.stakeRegistry,
    multiplierBounds: ctx.config.multiplierBounds,
  }));
}
