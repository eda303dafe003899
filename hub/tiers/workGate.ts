import { canTakeTask, lowerBound, preferForScarce, emptyReputation, type BetaReputation } from '../../core/reputation';
import type { HubContext } from '../context';
import type { Queryable } from '../db/adapter';
import { forbidden } from '../http/hubError';
import { accountStanding } from '../reputation/standing';
import { OPEN_SLOTS_SQL } from '../tasks/openSlots';

/** How long an annotator's request for work keeps them in the competition for a task's scarce items. */
export const SCARCE_WINDOW_MS = 10 * 60_000;

/**
 * Before assigning: lets a task of level L go only to tiers that unlock it
 * (core `canTakeTask`); otherwise 403 with what the next tier needs. Reads
 * the standing as stored: reputations are brought up to date by the scoring
 * job (after each consensus round and at start), never on this path — a
 * catch-up here took a hub-wide lock on every work request.
 */
export async function requireTaskTier(ctx: Pick<HubContext, 'db' | 'config' | 'stake'>, annotator: string, task: { id: string; level: number }): Promise<void> {
  if (task.level <= 0) return;
  const standing = await accountStanding(ctx, annotator);
  if (canTakeTask(standing.tier, task.level, ctx.config.tierTable)) return;
  const needs = standing.nextTier?.needs.map((n) => n.text).join(', ');
  throw forbidden(
    'tier_too_low',
    `task ${task.id} is level ${task.level}; ${annotator} is tier ${standing.tier.tier} (${standing.tier.name}), which takes tasks up to level ${standing.tier.taskLevel}${needs ? ` — next tier needs: ${needs}` : ''}`,
  );
}

/**
 * Records that `annotator` asked for work on the task now (the competition
 * for scarce items). Called twice per request (tasks/assignWork.ts): once on
 * its own, committed before the assignment transaction, so every request
 * that reads the askers after that sees this one — concurrent requests of
 * different wallets count each other (near the end of a pool, a burst of
 * wallets each counting only itself would each take a share meant for one);
 * and again first in the transaction, where the row lock it takes queues
 * this annotator's concurrent requests on the task behind each other, so
 * each reads the unsubmitted work the previous one handed out and a burst
 * cannot pass `maxOpenAssignments`.
 */
export async function recordWorkRequest(ctx: Pick<HubContext, 'now'>, tx: Queryable, taskId: string, annotator: string): Promise<void> {
  await tx.query(
    `INSERT INTO work_requests (task_id, annotator, requested_at) VALUES ($1, $2, $3)
     ON CONFLICT (task_id, annotator) DO UPDATE SET requested_at = EXCLUDED.requested_at`,
    [taskId, annotator, new Date(ctx.now()).toISOString()],
  );
}

/**
 * Recent askers beyond those counted that the lock-free path leaves room
 * for: above (recent + TAIL_MARGIN) × cap free slots a request decides
 * without the task's tail lock; below, it takes the lock and reads again.
 */
export const TAIL_MARGIN = 4;

/** The free slots (the counter's shards) and how many asked recently (work_requests_recent), in one round trip. */
async function readPool(tx: Queryable, taskId: string, since: string): Promise<{ free: number; recent: number }> {
  const [row] = await tx.query<{ free: number; recent: number }>(
    `SELECT (${OPEN_SLOTS_SQL}) AS free, (SELECT count(*)::int FROM work_requests WHERE task_id = $1 AND requested_at > $2) AS recent`,
    [taskId, since],
  );
  return { free: row?.free ?? 0, recent: row?.recent ?? 0 };
}

/**
 * The scarce-items rule. A task's items are scarce when fewer assignment
 * slots remain (open items × redundancy − assigned: the maintained counter,
 * tasks/openSlots.ts) than annotators asking for them: everyone who asked
 * for work on the task in the last SCARCE_WINDOW_MS and could still take one
 * of the remaining items (and is below the cap of unsubmitted work,
 * `maxOpenAssignments`). Then the askers are ranked by core
 * `preferForScarce` (reputation lower bound first, then fewest unsubmitted
 * assignments, then address) and only the first `free` of them get one new
 * item each; the others get none until slots free up or better-ranked
 * askers stop asking. Before that point, while the free slots could not fill
 * every asker up to the cap, an asker may hold at most an equal share of the
 * work left, ⌈(free + askers' unsubmitted) / askers⌉: whoever asks first at
 * the end of a pool (a burst of many wallets, or of requests) must not take
 * the tail. While the free slots could fill every recent requester up to the
 * cap, none of that can bind and the askers are not even listed (the common
 * case, two small reads, no lock). Near that point (fewer free slots than
 * the recent requesters plus TAIL_MARGIN could fill) the decision is taken
 * under a per-task transaction lock, so concurrent requests of different
 * wallets decide one after another and count each other (recordWorkRequest
 * commits each request's row first). Work already assigned is always handed back.
 * Returns how many new items the caller may take (Infinity: plenty).
 */
export async function scarceWorkAllowance(ctx: Pick<HubContext, 'config' | 'now'>, tx: Queryable, task: { id: string; redundancy: number }, annotator: string): Promise<number> {
  const now = ctx.now();
  const cap = ctx.config.maxOpenAssignments;
  const since = new Date(now - SCARCE_WINDOW_MS).toISOString();
  let { free, recent } = await readPool(tx, task.id, since);
  if (free <= 0) return Infinity;
  // Askers are a subset of the recent requesters: with free ≥ requesters × cap, neither the ranking nor the share binds.
  // Far from the tail that holds with room to spare and the request goes on without any task-wide lock.
  if (free >= (recent + TAIL_MARGIN) * cap) return Infinity;
  // Near the tail, decisions on the task take turns: a transaction lock per task (held to commit, so the next holder
  // reads the slots this one takes), then the figures again — each statement reads what is committed by then, and
  // every request's work_requests row is committed before its transaction starts, so concurrent wallets count each
  // other instead of each deciding as the only newcomer. PGlite is one connection: the lock is then a no-op.
  await tx.query('SELECT 1 FROM pg_advisory_xact_lock(hashtextextended($1, 0))', [task.id]);
  ({ free, recent } = await readPool(tx, task.id, since));
  if (free <= 0) return Infinity;
  if (free >= recent * cap) return Infinity;
  const askers = await tx.query<{ annotator: string; open: number; overall: BetaReputation | null }>(
    `SELECT r.annotator, rep.annotator->'overall' AS overall, o.open
     FROM work_requests r LEFT JOIN reputations rep ON rep.account = r.annotator,
       LATERAL (SELECT count(*)::int AS open FROM assignments a WHERE a.annotator = r.annotator AND a.task_id = $1 AND a.batch_id IS NULL) o
     WHERE r.task_id = $1 AND r.requested_at > $2 AND o.open < $3
       AND EXISTS (SELECT 1 FROM items i WHERE i.task_id = $1 AND i.open_slots > 0 AND i.status = 'open'
                   AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator = r.annotator))`,
    [task.id, since, cap],
  );
  if (askers.length <= free) {
    // Equal shares of the work left — free slots plus what the askers hold unsubmitted — counting what the caller
    // already holds, so a burst of back-to-back requests gets one share, not one per request.
    const heldByAskers = askers.reduce((n, a) => n + a.open, 0);
    const mine = askers.find((a) => a.annotator === annotator)?.open ?? 0;
    return Math.max(0, Math.ceil((free + heldByAskers) / askers.length) - mine);
  }
  const ranked = preferForScarce(askers.map((a) => ({ annotator: a.annotator, assignments: a.open, lower: lowerBound(a.overall ?? emptyReputation()) })));
  const rank = ranked.findIndex((c) => c.annotator === annotator);
  return rank < 0 || rank < free ? 1 : 0;
}
