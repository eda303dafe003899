import { getAddress } from 'ethers';
import { LEDGER_SCHEMA, type EpochLedger } from '../../core/hubApi/epochs';
import { loadRewardsTree, REWARDS_LEAF_TYPES, type RewardsTreeDump } from '../../core/sync/rewardsTree';
import type { HubContext } from '../context';
import type { Queryable } from '../db/adapter';
import { HubError, notFound } from '../http/hubError';

/** Leaves and items per page of GET /epochs/:epoch/ledger: a page stays a few hundred KiB whatever the epoch's size. */
export const LEDGER_PAGE_SIZE = 2000;

type Leaf = EpochLedger['leaves'][number];
type LedgerItem = EpochLedger['items'][number];

interface EpochRow {
  epoch: bigint;
  root: string;
  tx_hash: string | null;
  tree: RewardsTreeDump;
}

const PPM = 1_000_000n;

async function postedEpoch(q: Queryable, epoch: bigint): Promise<EpochRow> {
  const [row] = await q.query<EpochRow & { status: string }>('SELECT epoch, root, tx_hash, tree, status FROM epochs WHERE epoch = $1', [epoch]);
  if (!row) throw notFound('unknown_epoch', `no epoch ${epoch} on this hub`);
  if (row.status !== 'posted') throw new HubError(409, 'epoch_not_posted', `epoch ${epoch} is ${row.status}, not posted: its root is not on chain yet, so there is no ledger to check against it`);
  return row;
}

/**
 * Every leaf of the epoch's tree as it was hashed, each with the cumulative the previous epochs
 * left it (from the rewards rows). The hub refuses to serve a ledger whose rows do not add up to
 * its posted leaves: a ledger that does not justify its root is worse than none.
 */
async function leavesOf(q: Queryable, row: EpochRow): Promise<{ leaves: Leaf[]; previousEpoch: string | null }> {
  const sums = await q.query<{ task: string; account: string; previous: string; delta: string }>(
    `SELECT t.task_hash AS task, r.account,
       coalesce(sum(r.amount) FILTER (WHERE r.epoch < $1), 0)::text AS previous, coalesce(sum(r.amount) FILTER (WHERE r.epoch = $1), 0)::text AS delta
     FROM rewards r JOIN items i ON i.id = r.item_id JOIN tasks t ON t.id = i.task_id WHERE r.epoch <= $1 GROUP BY t.task_hash, r.account`,
    [row.epoch],
  );
  const byLeaf = new Map(sums.map((s) => [`${s.task.toLowerCase()}:${getAddress(s.account)}`, s]));
  const leaves = loadRewardsTree(row.tree)
    .entries()
    .map(({ task, account, cumulative }) => {
      const sum = byLeaf.get(`${task}:${account}`);
      byLeaf.delete(`${task}:${account}`);
      if (!sum || BigInt(sum.previous) + BigInt(sum.delta) !== cumulative) {
        throw new HubError(500, 'ledger_inconsistent', `epoch ${row.epoch}: the leaf (${task}, ${account}) posted ${cumulative}, the rewards rows add up to ${sum ? BigInt(sum.previous) + BigInt(sum.delta) : 0n}`);
      }
      return { task, account, cumulative: cumulative.toString(), previous: sum.previous };
    });
  const stray = [...byLeaf.values()].find((s) => BigInt(s.previous) + BigInt(s.delta) > 0n);
  if (stray) throw new HubError(500, 'ledger_inconsistent', `epoch ${row.epoch}: rewards rows pay ${stray.account} on ${stray.task}, which has no leaf in the posted tree`);
  const [previous] = await q.query<{ epoch: bigint }>(`SELECT max(epoch) AS epoch FROM epochs WHERE epoch < $1 AND status = 'posted'`, [row.epoch]);
  return { leaves, previousEpoch: previous?.epoch == null ? null : previous.epoch.toString() };
}

interface ItemRow {
  item_id: string;
  task: string;
  status: 'accepted' | 'resolved';
  reward_per_item: string;
  reviewer_fee: string;
  reviewer: string | null;
  payouts: { account: string; amount: string }[];
}

/**
 * The epoch's items (all, or one task's) with their payouts, by item id (byte order: the same on
 * every database). An annotator's multiplier is not stored; it is the one the amounts imply, in exact integer division
 * (the least ppm with reward × ppm / 10^6 ≥ amount, taken as the largest over the account's
 * payouts in the epoch, which reproduces every one of them when they were paid at one rate).
 */
async function itemsOf(q: Queryable, epoch: bigint, select: { offset: number; limit: number } | { task: string }): Promise<LedgerItem[]> {
  const byTask = 'task' in select;
  const rows = await q.query<ItemRow>(
    `SELECT i.id AS item_id, t.task_hash AS task, i.status, t.reward_per_item::text AS reward_per_item, t.reviewer_fee::text AS reviewer_fee, v.reviewer,
       (SELECT json_agg(json_build_object('account', r2.account, 'amount', r2.amount::text) ORDER BY r2.account COLLATE "C") FROM rewards r2 WHERE r2.item_id = i.id) AS payouts
     FROM items i JOIN tasks t ON t.id = i.task_id LEFT JOIN verdicts v ON v.item_id = i.id
     WHERE i.id IN (SELECT item_id FROM rewards WHERE epoch = $1) ${byTask ? 'AND lower(t.task_hash) = lower($2)' : ''}
     ORDER BY i.id COLLATE "C" ${byTask ? '' : 'OFFSET $2 LIMIT $3'}`,
    byTask ? [epoch, select.task] : [epoch, select.offset, select.limit],
  );
  const isReviewer = (r: ItemRow, account: string) => r.status === 'resolved' && r.reviewer !== null && r.reviewer.toLowerCase() === account.toLowerCase();
  const accounts = [...new Set(rows.flatMap((r) => r.payouts.filter((p) => !isReviewer(r, p.account)).map((p) => p.account)))];
  const rates = await q.query<{ account: string; ppm: string }>(
    `SELECT r.account, max(div(r.amount * ${PPM} + t.reward_per_item - 1, t.reward_per_item))::text AS ppm
     FROM rewards r JOIN items i ON i.id = r.item_id JOIN tasks t ON t.id = i.task_id LEFT JOIN verdicts v ON v.item_id = i.id
     WHERE r.epoch = $1 AND r.account = ANY($2::text[]) AND t.reward_per_item > 0 AND NOT (i.status = 'resolved' AND lower(coalesce(v.reviewer, '')) = lower(r.account))
     GROUP BY r.account`,
    [epoch, accounts],
  );
  const ppmOf = new Map(rates.map((r) => [r.account, Number(r.ppm)]));
  return rows.map((r) => ({
    itemId: r.item_id,
    task: r.task.toLowerCase(),
    status: r.status,
    rewardPerItem: r.reward_per_item,
    reviewerFee: r.reviewer_fee,
    payouts: r.payouts.map((p) =>
      isReviewer(r, p.account)
        ? { account: getAddress(p.account), role: 'reviewer' as const, amount: p.amount }
        : { account: getAddress(p.account), role: 'annotator' as const, amount: p.amount, multiplierPpm: ppmOf.get(p.account)! },
    ),
  }));
}

function header(ctx: HubContext, row: EpochRow, previousEpoch: string | null): Pick<EpochLedger, 'schema' | 'epoch' | 'root' | 'txHash' | 'chainId' | 'contract' | 'leafEncoding' | 'previousEpoch'> {
  return {
    schema: LEDGER_SCHEMA,
    epoch: row.epoch.toString(),
    root: row.root.toLowerCase(),
    txHash: row.tx_hash,
    chainId: ctx.config.chainId,
    contract: getAddress(ctx.config.rewardsContract),
    leafEncoding: [...REWARDS_LEAF_TYPES],
    previousEpoch,
  };
}

/** One page of a posted epoch's ledger (GET /epochs/:epoch/ledger?page=). */
export async function epochLedgerPage(ctx: HubContext, epoch: bigint, page: number): Promise<EpochLedger> {
  const row = await postedEpoch(ctx.db, epoch);
  const { leaves, previousEpoch } = await leavesOf(ctx.db, row);
  const [count] = await ctx.db.query<{ n: number }>('SELECT count(DISTINCT item_id)::int AS n FROM rewards WHERE epoch = $1', [epoch]);
  const itemCount = count?.n ?? 0;
  const pages = Math.max(1, Math.ceil(Math.max(leaves.length, itemCount) / LEDGER_PAGE_SIZE));
  if (page >= pages) throw notFound('no_such_page', `epoch ${epoch}'s ledger has ${pages} page(s), 0 to ${pages - 1}; asked for page ${page}`);
  const from = page * LEDGER_PAGE_SIZE;
  const items = await itemsOf(ctx.db, epoch, { offset: from, limit: LEDGER_PAGE_SIZE });
  return { ...header(ctx, row, previousEpoch), page, pages, pageSize: LEDGER_PAGE_SIZE, leafCount: leaves.length, itemCount, leaves: leaves.slice(from, from + LEDGER_PAGE_SIZE), items };
}

/**
 * A posted epoch's whole ledger in one document, its items narrowed to one task: what an export
 * carries (every leaf, so the root can be recomputed; the task's items, which justify the task's leaves).
 */
export async function epochLedgerOfTask(ctx: HubContext, epoch: bigint, task: string): Promise<EpochLedger & { itemsOfTask: string }> {
  const row = await postedEpoch(ctx.db, epoch);
  const { leaves, previousEpoch } = await leavesOf(ctx.db, row);
  const items = await itemsOf(ctx.db, epoch, { task });
  const size = Math.max(1, leaves.length, items.length);
  return { ...header(ctx, row, previousEpoch), itemsOfTask: task.toLowerCase(), page: 0, pages: 1, pageSize: size, leafCount: leaves.length, itemCount: items.length, leaves, items };
}
