import { getAddress } from 'ethers';
import type { HubContext } from '../context';
import type { Queryable } from '../db/adapter';
import { HubError, notFound } from '../http/hubError';
import type { ChainClient, PoolOnChain } from './chainClient';
import type { Payout } from './epochPayouts';

/**
 * A pool whose close takes effect within this many seconds gets no new allocation: the epoch
 * is built, then posted, and postRoot reverts (PoolClosed) if the pool closed in between.
 */
export const CLOSING_MARGIN_SECONDS = 60n;

export type PoolState = 'unfunded' | 'open' | 'closing' | 'closed' | 'token_mismatch';

/** What the hub may still allocate to a task, from its pool on chain and what the hub already promised. */
export interface TaskFunds {
  /** bytes32 task id, lowercase. */
  task: string;
  state: PoolState;
  /** Allocatable now: 0 unless `state` is 'open' or 'closing' (before the margin). */
  remaining: bigint;
  pool: PoolOnChain;
  /** Cumulative rewards the hub put in its trees for this task (posted or pending). */
  promised: bigint;
  /** The ERC-20 the task pays in (its `rewardToken`): the pool must hold this one. */
  rewardToken: string;
}

export function taskFunds(task: string, rewardToken: string, pool: PoolOnChain, promised: bigint, now: bigint): TaskFunds {
  const of = (state: PoolState, remaining = 0n): TaskFunds => ({ task: task.toLowerCase(), state, remaining, pool, promised, rewardToken: getAddress(rewardToken) });
  if (BigInt(pool.requester) === 0n) return of('unfunded');
  if (getAddress(pool.token) !== getAddress(rewardToken)) return of('token_mismatch');
  // What was allocated on chain also counts: it is never less than what the hub promised, unless another writer posted.
  const used = promised > pool.allocated ? promised : pool.allocated;
  const left = pool.deposited > used ? pool.deposited - used : 0n;
  if (pool.closesAt === 0n) return of('open', left);
  if (pool.closesAt <= now + CLOSING_MARGIN_SECONDS) return of('closed');
  return of('closing', left);
}

/** Per task (bytes32), what the hub already promised: the sum of its rewards rows. */
export async function promisedByTask(q: Queryable, tasks: readonly string[]): Promise<Map<string, bigint>> {
  const rows = await q.query<{ task: string; total: string }>(
    `SELECT t.task_hash AS task, sum(r.amount)::text AS total FROM rewards r JOIN items i ON i.id = r.item_id JOIN tasks t ON t.id = i.task_id
     WHERE t.task_hash = ANY($1::text[]) GROUP BY t.task_hash`,
    [tasks],
  );
  return new Map(rows.map((r) => [r.task.toLowerCase(), BigInt(r.total)]));
}

/** Reads each task's pool and says what can still be allocated to it. */
export async function fundsOf(q: Queryable, chain: ChainClient, tasks: ReadonlyMap<string, string>): Promise<Map<string, TaskFunds>> {
  const list = [...tasks.keys()];
  const [promised, now, pools] = await Promise.all([promisedByTask(q, list), chain.now(), Promise.all(list.map((t) => chain.pool(t)))]);
  return new Map(list.map((task, i) => [task.toLowerCase(), taskFunds(task, tasks.get(task)!, pools[i]!, promised.get(task.toLowerCase()) ?? 0n, now)]));
}

/** One item of an epoch with its task. */
export interface FundableItem {
  id: string;
  task: string;
}

export interface HeldTask {
  task: string;
  state: PoolState;
  /** What the task has left after this epoch's items that fit. */
  remaining: string;
  /** Items left unrewarded this epoch: they are paid at a later close once the pool covers them. */
  heldItems: number;
  /** What those items would pay. */
  needed: string;
  /** Why, in one sentence for the operator (the state says it as a code). */
  reason: string;
}

/** Why a task's items wait: its pool's state in words. */
export function heldReason(f: TaskFunds | undefined, needed: bigint): string {
  if (!f) return 'the task has no pool on chain';
  switch (f.state) {
    case 'unfunded':
      return 'nothing was deposited for this task (a deposit that reverted, e.g. in a token that refuses transfers, credits nothing)';
    case 'token_mismatch':
      return `the pool holds ${getAddress(f.pool.token)} but the task pays in ${f.rewardToken}: nothing is allocated from a pool in another token`;
    case 'closed':
      return `the pool closes at ${f.pool.closesAt} (unix seconds): too late to allocate`;
    default:
      return `${f.remaining} left in the pool (credited deposits ${f.pool.deposited}), ${needed} needed: the items wait for a deposit`;
  }
}

/**
 * Keeps, item by item (in the given order), the items whose payouts fit what their task has
 * left; the others keep `rewarded_epoch` NULL and wait for a deposit. An item is paid whole
 * or not at all, so no annotator of one item is paid while another is not.
 */
export function capToFunds<I extends FundableItem>(items: readonly I[], payouts: readonly Payout[], funds: ReadonlyMap<string, TaskFunds>): { items: I[]; payouts: Payout[]; held: HeldTask[] } {
  const byItem = new Map<string, Payout[]>();
  for (const p of payouts) byItem.set(p.item, [...(byItem.get(p.item) ?? []), p]);
  const left = new Map([...funds].map(([task, f]) => [task, f.remaining]));
  const kept: I[] = [];
  const held = new Map<string, HeldTask>();
  for (const item of items) {
    const task = item.task.toLowerCase();
    const mine = byItem.get(item.id) ?? [];
    const cost = mine.reduce((sum, p) => sum + BigInt(p.amount), 0n);
    const available = left.get(task) ?? 0n;
    if (cost <= available) {
      left.set(task, available - cost);
      kept.push(item);
      continue;
    }
    const f = funds.get(task);
    const h = held.get(task) ?? { task, state: f?.state ?? 'unfunded', remaining: (f?.remaining ?? 0n).toString(), heldItems: 0, needed: '0', reason: '' };
    held.set(task, { ...h, heldItems: h.heldItems + 1, needed: (BigInt(h.needed) + cost).toString() });
  }
  const keptIds = new Set(kept.map((i) => i.id));
  // What is left once the items that fit are paid.
  const heldTasks = [...held.values()].map((h) => {
    const remaining = left.get(h.task) ?? 0n;
    const f = funds.get(h.task);
    return { ...h, remaining: remaining.toString(), reason: heldReason(f && { ...f, remaining }, BigInt(h.needed)) };
  });
  return { items: kept, payouts: payouts.filter((p) => keptIds.has(p.item)), held: heldTasks };
}

/** A task's pool as the hub sees it: on chain (deposited, allocated, paid) and what the hub can still allocate. */
export interface TaskPoolStatus {
  taskId: string;
  task: string;
  token: string | null;
  requester: string | null;
  state: PoolState;
  deposited: string;
  /** Allocated on chain by posted roots. */
  allocated: string;
  /** The hub's cumulative rewards for the task, a pending epoch included. */
  promised: string;
  paid: string;
  /** What the hub may still allocate. */
  remaining: string;
  /** Unix seconds; null while open. */
  closesAt: number | null;
}

export async function taskPoolStatus(ctx: HubContext, taskId: string): Promise<TaskPoolStatus> {
  const [row] = await ctx.db.query<{ task_hash: string; reward_token: string }>('SELECT task_hash, reward_token FROM tasks WHERE id = $1', [taskId]);
  if (!row) throw notFound('unknown_task', `no task ${taskId}`);
  if (!ctx.chain) throw new HubError(503, 'chain_not_configured', 'this hub has no RPC_URL/OPERATOR_KEY: it cannot read task pools');
  const f = (await fundsOf(ctx.db, ctx.chain, new Map([[row.task_hash, row.reward_token]]))).get(row.task_hash.toLowerCase())!;
  const funded = f.state !== 'unfunded';
  return {
    taskId,
    task: f.task,
    token: funded ? f.pool.token : null,
    requester: funded ? f.pool.requester : null,
    state: f.state,
    deposited: f.pool.deposited.toString(),
    allocated: f.pool.allocated.toString(),
    promised: f.promised.toString(),
    paid: f.pool.paid.toString(),
    remaining: f.remaining.toString(),
    closesAt: f.pool.closesAt === 0n ? null : Number(f.pool.closesAt),
  };
}
