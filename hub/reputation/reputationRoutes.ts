import { getAddress } from 'ethers';
import type { FastifyInstance } from 'fastify';
import { tierTableToJson } from '../../core/reputation';
import type { HubContext } from '../context';
import { badRequest } from '../http/hubError';
import { catchUpReputation } from './catchUp';
import { readHistory } from './reputationStore';
import { accountStanding, standingJson } from './standing';

/** Public, like GET /rewards: a reputation is about work the hub already shows to reviewers and payers. */
export function reputationRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/reputation/:account', { config: { access: 'anyone' } }, async (req) => {
    const raw = (req.params as { account: string }).account;
    let account: string;
    try {
      account = getAddress(raw);
    } catch {
      throw badRequest('invalid_address', `not an address: "${raw}"`);
    }
    await catchUpReputation(ctx);
    const [standing, history] = await Promise.all([accountStanding(ctx, account), readHistory(ctx.db, account)]);
    return standingJson(standing, history);
  });

  app.get('/tiers', { config: { access: 'anyone' } }, async () => ({
    ...tierTableToJson(ctx.config.tierTable),
    stakeRegistry: ctx.config.stakeRegistry,
    multiplierBounds: ctx.config.multiplierBounds,
  }));
}
