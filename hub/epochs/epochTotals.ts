import { buildRewardsTree, loadRewardsTree, type RewardsTree, type RewardsTreeDump } from '../../core/sync/rewardsTree';
import type { Queryable } from '../db/adapter';

/**
 * Every (task, account)'s cumulative rewards → the epoch's tree, and the per-account sums
 * over all tasks (`totals`, what a close reports and the epochs row keeps).
 */
export async function buildEpochTotals(q: Queryable, chainId: number, contract: string): Promise<{ tree: RewardsTree; totals: Record<string, string> }> {
  const rows = await q.query<{ task: string; account: string; total: string }>(
    `SELECT t.task_hash AS task, r.account, sum(r.amount)::text AS total FROM rewards r JOIN items i ON i.id = r.item_id JOIN tasks t ON t.id = i.task_id
     GROUP BY t.task_hash, r.account ORDER BY t.task_hash, r.account`,
  );
  const totals = new Map<string, bigint>();
  for (const r of rows) totals.set(r.account, (totals.get(r.account) ?? 0n) + BigInt(r.total));
  const entries = rows.filter((r) => BigInt(r.total) > 0n).map((r) => ({ task: r.task, account: r.account, cumulative: BigInt(r.total) }));
  if (entries.length === 0) throw new Error('no account has earned anything: nothing to put in a rewards tree');
  const tree = buildRewardsTree({ chainId, distributor: contract, entries });
  return { tree, totals: Object.fromEntries([...totals].map(([a, v]) => [a, v.toString()])) };
}

/** The last posted epoch before `epoch`: its per-account totals and its tree. */
export async function previousPostedEpoch(q: Queryable, epoch: bigint): Promise<{ epoch: bigint; totals: Record<string, string>; tree: RewardsTree } | null> {
  const [previous] = await q.query<{ epoch: bigint; totals: Record<string, string>; tree: RewardsTreeDump }>(
    `SELECT epoch, totals, tree FROM epochs WHERE epoch < $1 AND status = 'posted' ORDER BY epoch DESC LIMIT 1`,
    [epoch],
  );
  return previous ? { epoch: previous.epoch, totals: previous.totals, tree: loadRewardsTree(previous.tree) } : null;
}

/** The allocations a post of `tree` declares: each task whose sum of leaves changed since the previous posted epoch. */
export async function allocationsToPost(q: Queryable, epoch: bigint, tree: RewardsTree): Promise<Map<string, bigint>> {
  const before = (await previousPostedEpoch(q, epoch))?.tree.allocations() ?? new Map<string, bigint>();
  return new Map([...tree.allocations()].filter(([task, amount]) => before.get(task) !== amount));
}
