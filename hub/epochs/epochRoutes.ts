import type { FastifyInstance } from 'fastify';
import { getAddress } from 'ethers';
import type { HubContext } from '../context';
import { badRequest, HubError } from '../http/hubError';
import { serveRoute } from '../http/serveRoute';
import { closeEpoch } from './closeEpoch';
import { loadRewardsTree, type RewardsTreeDump } from '../../core/sync/rewardsTree';
import { closeEpochRoute, epochLedgerRoute, listEpochsRoute, rewardsOfRoute, taskPoolRoute } from '../../core/hubApi/epochs';
import { taskPoolStatus } from './taskPools';
import { epochLedgerPage } from './epochLedger';

export function epochRoutes(app: FastifyInstance, ctx: HubContext): void {
  serveRoute(app, closeEpochRoute, () => closeEpoch(ctx));

  serveRoute(app, listEpochsRoute, async () => {
    const rows = await ctx.db.query<{ epoch: bigint; root: string; status: string; tx_hash: string | null; closed_at: Date }>(
      'SELECT epoch, root, status, tx_hash, closed_at FROM epochs ORDER BY epoch',
    );
    return { epochs: rows.map((r) => ({ epoch: r.epoch.toString(), root: r.root, status: r.status, txHash: r.tx_hash, closedAt: new Date(r.closed_at).toISOString() })) };
  });

  // Public: the root it justifies is public on chain (see hub/README.md, "Epoch ledgers").
  serveRoute(app, epochLedgerRoute, ({ params, query }) => epochLedgerPage(ctx, BigInt(params.epoch), query.page));

  // Public: a proof is only useful to claim for the account it names (tokens always go to that account).
  serveRoute(app, rewardsOfRoute, async ({ params }) => {
    let account: string;
    try {
      account = getAddress(params.account);
    } catch {
      throw badRequest('invalid_address', `not an address: "${params.account}"`);
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
  serveRoute(app, taskPoolRoute, ({ params }) => taskPoolStatus(ctx, params.taskId));
}
