import type { FastifyInstance } from 'fastify';
import { getAddress } from 'ethers';
import type { HubContext } from '../context';
import { badRequest, HubError } from '../http/hubError';
import { closeEpoch } from './closeEpoch';
import { loadRewardsTree, type RewardsTreeDump } from '../../core/sync/rewardsTree';
import { taskPoolStatus } from './taskPools';

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
    const [latest] = await ctx.db.query<{ epoch: bigint; root: string; tree: RewardsTreeDump }>(
      `SELECT epoch, root, tree FROM epochs WHERE status = 'posted' ORDER BY epoch DESC LIMIT 1`,
    );
    if (!latest) return { ...base, epoch: null, root: null, cumulative: '0', claims: [] };
    let tree;
    try {
      tree = loadRewardsTree(latest.tree);
    } catch (e) {
      // A database from before per-task pools, posted to the old distributor: its proofs claim nothing on this contract.
      throw new HubError(503, 'epoch_tree_outdated', `epoch ${latest.epoch}'s tree cannot be served: ${(e as Error).message}`);
    }
    const mine = tree.claimsOf(account);
    const tokens = await ctx.db.query<{ task_hash: string; reward_token: string }>('SELECT task_hash, reward_token FROM tasks WHERE task_hash = ANY($1::text[])', [mine.map((c) => c.task)]);
    const tokenOf = new Map(tokens.map((t) => [t.task_hash.toLowerCase(), t.reward_token]));
    // One claim per task: the arguments of claim(task, account, cumulative, root, proof), paid from that task's pool.
    const claims = mine.map((c) => ({ task: c.task, token: tokenOf.get(c.task) ?? null, cumulative: c.cumulativeAmount.toString(), proof: c.proof }));
    const cumulative = mine.reduce((sum, c) => sum + c.cumulativeAmount, 0n).toString();
    return { ...base, epoch: latest.epoch.toString(), root: latest.root, cumulative, claims };
  });

  // A task's pool: what its requester deposited on chain, what posted roots allocated and claims paid, and what the hub can still allocate.
  app.get('/pools/:taskId', { config: { access: 'anyone' } }, async (req) => taskPoolStatus(ctx, (req.params as { taskId: string }).taskId));
}
