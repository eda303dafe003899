import { lowerBound, preferForScarce, emptyReputation, type BetaReputation } from '../../core/reputation';
import type { Queryable } from '../../hub/db/adapter';
import type { HubContext } from '../../hub/context';
import { randomPoint } from '../../hub/tasks/pickRandomItems';
import { catchUpReputation } from '../../hub/reputation/catchUp';

/**
 * BASELINE ONLY — the assignment rule as it was before issue 15 (commit
 * a884893: hub/tasks/assignWork.ts, pickRandomItems.ts, tiers/workGate.ts),
 * copied here so the bench measures it on the same database in the same run.
 * Every request catches up reputations (a hub-wide advisory lock inside),
 * then locks the task row FOR UPDATE (all requests on a task queue here),
 * sums the free slots over every open item of the task and lists the askers
 * with a scan per asker, then seeks from random points of items_open_shuffle
 * (which still holds every full-but-unsubmitted item). Not hub code.
 */
export async function assignByOldRule(ctx: Pick<HubContext, 'db' | 'config' | 'now'>, annotator: string, task: { id: string; redundancy: number }, count: number): Promise<number> {
  await catchUpReputation(ctx);
  return ctx.db.transaction(async (tx) => {
    await tx.query('SELECT id FROM tasks WHERE id = $1 FOR UPDATE', [task.id]);
    const open = await tx.query<{ id: string }>(
      `SELECT i.id FROM assignments a JOIN items i ON i.id = a.item_id
       WHERE a.annotator = $1 AND a.task_id = $2 AND a.batch_id IS NULL ORDER BY i.idx`,
      [annotator, task.id],
    );
    const allowance = await oldScarceAllowance(ctx, tx, task, annotator);
    const want = Math.max(0, Math.min(count - open.length, ctx.config.maxOpenAssignments - open.length, allowance));
    const fresh = want > 0 ? await oldPick(tx, task, annotator, want) : 0;
    const ids = open.slice(0, count).map((r) => r.id);
    if (ids.length > 0) await tx.query('SELECT id, sha256, file_name, width, height, url, video FROM items WHERE id = ANY($1::text[])', [ids]);
    return ids.length + fresh;
  });
}

async function oldScarceAllowance(ctx: Pick<HubContext, 'config' | 'now'>, tx: Queryable, task: { id: string; redundancy: number }, annotator: string): Promise<number> {
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
    [task.id, new Date(now - 10 * 60_000).toISOString(), task.redundancy, ctx.config.maxOpenAssignments],
  );
  if (askers.length <= free) {
    const held = askers.reduce((n, a) => n + a.open, 0);
    const mine = askers.find((a) => a.annotator === annotator)?.open ?? 0;
    return Math.max(0, Math.ceil((free + held) / askers.length) - mine);
  }
  const ranked = preferForScarce(askers.map((a) => ({ annotator: a.annotator, assignments: a.open, lower: lowerBound(a.overall ?? emptyReputation()) })));
  const rank = ranked.findIndex((c) => c.annotator === annotator);
  return rank < 0 || rank < free ? 1 : 0;
}

const ELIGIBLE = `i.task_id = $1 AND i.status = 'open' AND i.assigned < $2
  AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.annotator = $3)`;

const SEEK_AND_ASSIGN = `
WITH picked AS (
  SELECT DISTINCT s.id FROM unnest($4::float8[]) AS p(point), LATERAL (
    (SELECT i.id FROM items i WHERE ${ELIGIBLE} AND i.shuffle >= p.point ORDER BY i.shuffle LIMIT 1)
    UNION ALL
    (SELECT i.id FROM items i WHERE ${ELIGIBLE} ORDER BY i.shuffle LIMIT 1)
    LIMIT 1) s),
added AS (INSERT INTO assignments (item_id, annotator, task_id) SELECT id, $3, $1 FROM picked RETURNING item_id)
UPDATE items SET assigned = assigned + 1 WHERE id IN (SELECT item_id FROM added) RETURNING id, sha256, file_name, width, height, url, video`;

/** The old seek rounds (the old fill fallback, a sort of every eligible item, is never reached on a large task). */
async function oldPick(tx: Queryable, task: { id: string; redundancy: number }, annotator: string, want: number): Promise<number> {
  let picked = 0;
  for (let round = 0; picked < want && round < 8; round++) {
    const rows = await tx.query(SEEK_AND_ASSIGN, [task.id, task.redundancy, annotator, Array.from({ length: want - picked }, randomPoint)]);
    picked += rows.length;
    if (rows.length === 0) break;
  }
  return picked;
}
