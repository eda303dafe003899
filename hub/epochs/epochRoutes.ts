import type { FastifyInstance } from 'fastify';
import { getAddress } from 'ethers';
import type { HubContext } from '../context';
import { badRequest } from '../http/hubError';
import { closeEpoch } from './closeEpoch';
import { proofFromDump, type EpochTree } from './rewardTree';

export function epochRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.post('/epochs/close', { config: { access: 'operator' } }, async () => closeEpoch(ctx));

  app.get('/epochs', { config: { access: 'anyone' } }, async () => {
    const rows = await ctx.db.query<{ epoch: bigint; root: string; status: string; tx_hash: string | null; closed_at: Date }>(
      'SELECT epoch, root, status, tx_hash, closed_at FROM epochs ORDER BY epoch',
    );
    return { epochs: rows.map((r) => ({ epoch: r.epoch.toString(), root: r.root, status: r.status, txHash: r.tx_hash, closedAt: new Date(r.closed_at).toISOString() })) };
  });

  // Public: a proof is only useful to claim for the account it names (tokens always go to that account).
  app.get('/rewards/:account', { config: { access: 'anyone' } }, async (req) => {
    let account: string;
    try {
      account = getAddress((req.params as { account: string }).account);
    } catch {
      throw badRequest('invalid_address', `not an address: "${(req.params as { account: string }).account}"`);
    }
    const base = { account, contract: ctx.config.rewardsContract, chainId: ctx.config.chainId, token: ctx.config.token };
    const [latest] = await ctx.db.query<{ epoch: bigint; root: string; tree: EpochTree['dump'] }>(
      `SELECT epoch, root, tree FROM epochs WHERE status = 'posted' ORDER BY epoch DESC LIMIT 1`,
    );
    if (!latest) return { ...base, epoch: null, root: null, cumulative: '0', proof: [] };
    const leaf = proofFromDump(latest.tree, account);
    return { ...base, epoch: latest.epoch.toString(), root: latest.root, cumulative: leaf?.cumulative ?? '0', proof: leaf?.proof ?? [] };
  });
}
