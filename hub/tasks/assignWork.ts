import { getAddress } from 'ethers';
import type { HubContext } from '../context';
import { forbidden, HubError } from '../http/hubError';
import { requireTaskTier, scarceWorkAllowance } from '../tiers/workGate';
import { pickRandomItems } from './pickRandomItems';
import { getTask } from './taskStore';

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
 * still comes back, and with none, 410 `task_closed`.
 */
export async function assignWork(ctx: HubContext, annotator: string, taskId: string, count: number): Promise<AssignedItem[]> {
  const task = await getTask(ctx.db, taskId);
  if (getAddress(task.requester) === getAddress(annotator)) {
    throw forbidden('own_task', `${annotator} created task ${taskId}: a requester is never assigned their own task's items`);
  }
  // Tier first, outside the transaction: it reads stake over RPC.
  await requireTaskTier(ctx, annotator, task);
  const assigned = await ctx.db.transaction(async (tx) => {
    // Serialises assignment per task on a real server, so concurrent requests cannot over-assign an item.
    await tx.query('SELECT id FROM tasks WHERE id = $1 FOR UPDATE', [taskId]);
    const open = await tx.query<{ id: string }>(
      `SELECT i.id FROM assignments a JOIN items i ON i.id = a.item_id
       WHERE a.annotator = $1 AND a.task_id = $2 AND a.batch_id IS NULL ORDER BY i.idx`,
      [annotator, taskId],
    );
    // Scarce items go to the best-ranked askers first, near the end each asker gets an equal share (tiers/workGate.ts); assigned work always comes back.
    const allowance = await scarceWorkAllowance(ctx, tx, task, annotator);
    const closed = task.deadline !== null && new Date(task.deadline).getTime() <= ctx.now();
    if (closed && open.length === 0) throw new HubError(410, 'task_closed', `task ${taskId} closed at its deadline ${new Date(task.deadline!).toISOString()}: no new items are assigned`);
    const want = closed ? 0 : Math.max(0, Math.min(count - open.length, ctx.config.maxOpenAssignments - open.length, allowance));
    const fresh = want > 0 ? await pickRandomItems(tx, task, annotator, want) : [];
    // Open work first (index order), then the new items (index order).
    const ids = [...open.slice(0, count).map((r) => r.id), ...fresh.map((r) => r.id)];
    if (ids.length === 0) return [];
    const rows = await tx.query<{ id: string; sha256: string; file_name: string; width: number; height: number; url: string | null; video: { frameCount: number; fps: number } | null }>(
      'SELECT id, sha256, file_name, width, height, url, video FROM items WHERE id = ANY($1::text[])',
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    ctx.statistics.touched(fresh.length);
    return ids
      .map((id) => byId.get(id)!)
      .map((r): AssignedItem => {
        const item: AssignedItem = { itemId: r.id, sha256: r.sha256, fileName: r.file_name, width: r.width, height: r.height, url: r.url };
        if (r.video) item.video = { frameCount: r.video.frameCount, fps: r.video.fps };
        return item;
      });
  });
  return assigned;
}
