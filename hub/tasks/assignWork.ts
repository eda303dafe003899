import { getAddress } from 'ethers';
import type { HubContext } from '../context';
import { forbidden, HubError } from '../http/hubError';
import { recordWorkRequest, requireTaskTier, scarceWorkAllowance } from '../tiers/workGate';
import { pickRandomItems } from './pickRandomItems';
import { ITEM_COLUMNS, type ItemRow } from './itemRow';
import { getTask } from './taskStore';

/** What assignment uses of the hub: the database, the config (cap, tiers), stake, statistics and the clock. */
export type AssignContext = Pick<HubContext, 'db' | 'config' | 'stake' | 'statistics' | 'now'>;

export interface AssignedItem {
  itemId: string;
  sha256: string;
  fileName: string;
  width: number;
  height: number;
  url: string | null;
  /** A video item's frame count and rate as published; absent for an image. */
  video?: { frameCount: number; fps: number };
}

/**
 * Hands an annotator up to `count` items of a task: first the ones already
 * assigned to them and not yet submitted (a workstation that restarts gets
 * its work back), then new ones drawn at random from the whole pool of open
 * items (pickRandomItems.ts), each item to at most `redundancy` different
 * annotators and never twice to the same one (primary key annotator+item).
 * New items stop at `maxOpenAssignments` unsubmitted items per annotator and
 * task, so a burst of requests cannot grab a large share of the pool. The
 * task's requester gets 403 `own_task`: they would be labeling (and paid for)
 * their own data, and with k − 1 more wallets they would decide it. This is
 * the only path that creates assignments and every work request names its
 * task, so the check covers every request; it compares addresses, so the
 * requester's OTHER wallets are ordinary annotators (nothing on the hub
 * links wallets to a person — that is for reputation, honeypots and stake).
 * After the task's deadline no new items are handed out; work already held
 * still comes back, and with none, 410 `task_closed`. Concurrent requests on
 * one task do not queue behind each other while slots are plentiful: no
 * task-row lock, items are taken with SKIP LOCKED and the counters are kept
 * in the same statement (pickRandomItems.ts, openSlots.ts); a request costs
 * O(count · log n). Only near the end of the pool, where the scarce-items
 * rule binds, do requests on a task decide one at a time (workGate.ts).
 */
export async function assignWork(ctx: AssignContext, annotator: string, taskId: string, count: number): Promise<AssignedItem[]> {
  const task = await getTask(ctx.db, taskId);
  if (getAddress(task.requester) === getAddress(annotator)) {
    throw forbidden('own_task', `${annotator} created task ${taskId}: a requester is never assigned their own task's items`);
  }
  // Tier first, outside the transaction: it reads stake over RPC.
  await requireTaskTier(ctx, annotator, task);
  // The request is recorded and committed first, on its own: every request that reads the askers from now on counts
  // this one, so wallets asking at the same moment near the end of a pool count each other (tiers/workGate.ts).
  await recordWorkRequest(ctx, ctx.db, taskId, annotator);
  const assigned = await ctx.db.transaction(async (tx) => {
    // No task-wide lock while slots are plentiful: items are taken row by row with SKIP LOCKED (pickRandomItems.ts);
    // near the tail the scarce rule takes turns per task (workGate.ts). This annotator's own requests on the task
    // queue here, on their work_requests row, so a burst cannot pass the cap twice.
    await recordWorkRequest(ctx, tx, taskId, annotator);
    const open = await tx.query<ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM items WHERE id IN (SELECT item_id FROM assignments WHERE annotator = $1 AND task_id = $2 AND batch_id IS NULL) ORDER BY idx`,
      [annotator, taskId],
    );
    const closed = task.deadline !== null && new Date(task.deadline).getTime() <= ctx.now();
    if (closed && open.length === 0) throw new HubError(410, 'task_closed', `task ${taskId} closed at its deadline ${new Date(task.deadline!).toISOString()}: no new items are assigned`);
    // Scarce items go to the best-ranked askers first, near the end each asker gets an equal share (tiers/workGate.ts); assigned work always comes back.
    const allowance = closed ? 0 : await scarceWorkAllowance(ctx, tx, task, annotator);
    const want = closed ? 0 : Math.max(0, Math.min(count - open.length, ctx.config.maxOpenAssignments - open.length, allowance));
    const fresh = want > 0 ? await pickRandomItems(tx, task, annotator, want) : [];
    ctx.statistics.touched(fresh.length);
    // Open work first (index order), then the new items (index order).
    return [...open.slice(0, count), ...fresh].map(assignedItem);
  });
  return assigned;
}

function assignedItem(r: ItemRow): AssignedItem {
  const item: AssignedItem = { itemId: r.id, sha256: r.sha256, fileName: r.file_name, width: r.width, height: r.height, url: r.url };
  if (r.video) item.video = { frameCount: r.video.frameCount, fps: r.video.fps };
  return item;
}
