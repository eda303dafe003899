import { canTakeTask, lowerBound, preferForScarce, emptyReputation, type BetaReputation } from '../../core/reputation';
import type { HubContext } from '../context';
import type { Queryable } from '../db/adapter';
import { forbidden } from '../http/hubError';
import { catchUpReputation } from '../reputation/catchUp';
import { accountStanding } from '../reputation/standing';

/** How long an annotator's request for work keeps them in the competition for a task's scarce items. */
export const SCARCE_WINDOW_MS = 10 * 60_000;

/**
 * Before assigning: brings reputations up to date (the scarce-items ranking
 * and the tier read them), then lets a task of level L go only to tiers that
 * unlock it (core `canTakeTask`); otherwise 403 with what the next tier needs.
 */
export async function requireTaskTier(ctx: HubContext, annotator: string, task: { id: string; level: number }): Promise<void> {
  await catchUpReputation(ctx, { waitForConsensus: false });
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
 * The scarce-items rule. A task's items are scarce when fewer assignment
 * slots remain (open items × redundancy − assigned) than annotators asking
 * for them: everyone who asked for work on the task in the last
 * SCARCE_WINDOW_MS and could still take one of the remaining items (and is
 * below the cap of unsubmitted work, `maxOpenAssignments`). Then the
 * askers are ranked by core `preferForScarce` (reputation lower bound first,
 * then fewest unsubmitted assignments, then address) and only the first
 * `free` of them get one new item each; the others get none until slots
 * free up or better-ranked askers stop asking. Before that point, while the
 * free slots could not fill every asker up to the cap, an asker may hold at
 * most an equal share of the work left, ⌈(free + askers' unsubmitted) /
 * askers⌉: whoever asks first at the end of a pool (a burst of many
 * wallets, or of requests) must not take the tail. Work already
 * assigned is always handed back. Returns how many new items the caller may
 * take (Infinity: plenty). Runs inside the assignment transaction
 * (serialised per task).
 */
export async function scarceWorkAllowance(ctx: HubContext, tx: Queryable, task: { id: string; redundancy: number }, annotator: string): Promise<number> {
  const now = ctx.now();
  await tx.query(
    `INSERT INTO work_requests (task_id, annotator, requested_at) VALUES ($1, $2, $3)
     ON CONFLICT (task_id, annotator) DO UPDATE SET requested_at = EXCLUDED.requested_at`,
    [task.id, annotator, new Date(now).toISOString()],
  );
  const [slots] = await tx.query<{ free: number }>(
    `SELECT coalesce(sum($2 - assigned), 0)::int AS free FROM items WHERE task_id = $1 AND status = 'open' AND assigned < $2`,
    [task.id, task.redundancy],
  );
  const free = slots?.free ?? 0;
  if (free === 0) return Infinity;
  const askers = await tx.query<{ annotator: string; open: number; overall: BetaReputation | null }>(
    `SELECT r.annotator, rep.annotator->'overall' AS overall,
       (SELECT count(*)::int FROM assignments a WHERE a.task_id = $1 AND a.annotator = r.annotator AND a.batch_id IS NULL) AS open
     FROM work_requests r LEFT JOIN reputations rep ON rep.account = r.annotator
     WHERE r.task_id = $1 AND r.requested_at > $2
       AND EXISTS (SELECT 1 FROM items i WHERE i.task_id = $1 AND i.status = 'open' AND i.assigned < $3
                   AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator = r.annotator))
       AND (SELECT count(*) FROM assignments a WHERE a.task_id = $1 AND a.annotator = r.annotator AND a.batch_id IS NULL) < $4`,
    [task.id, new Date(now - SCARCE_WINDOW_MS).toISOString(), task.redundancy, ctx.config.maxOpenAssignments],
  );
  if (askers.length <= free) {
    // Equal shares of the work left — free slots plus what the askers hold unsubmitted — counting what the caller
    // already holds, so a burst of back-to-back requests gets one share, not one per request.
    const held = askers.reduce((n, a) => n + a.open, 0);
    const mine = askers.find((a) => a.annotator === annotator)?.open ?? 0;
    return Math.max(0, Math.ceil((free + held) / askers.length) - mine);
  }
  const ranked = preferForScarce(askers.map((a) => ({ annotator: a.annotator, assignments: a.open, lower: lowerBound(a.overall ?? emptyReputation()) })));
  const rank = ranked.findIndex((c) => c.annotator === annotator);
  return rank < 0 || rank < free ? 1 : 0;
}
