import type { HubContext } from '../context';
import { taskPoolStatus, type TaskPoolStatus } from '../epochs/taskPools';
import { maxTaskSpend } from './taskLimits';
import { getTask } from './taskStore';

/** The ETA reads the finalisation rate over the last day (or the task's life, when younger). */
const ETA_WINDOW_MS = 24 * 3600_000;

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

interface AnnotatorRow {
  annotator: string;
  assigned: number;
  submitted: number;
  agreed: number;
  rejected: number;
  agreed_unrewarded: number;
}

/**
 * A requester's dashboard of one task (GET /tasks/:taskId/progress, rule
 * `task.owner`): items by status, how often annotators agree with the final
 * labels, what has been spent against the budget, the cost of an accepted
 * item, an ETA and each annotator's contribution. Everything is read from
 * the database; nothing here changes it.
 *
 * Spend: `allocated` is what closed epochs gave for the task's items (the
 * `rewards` rows: annotators' rewards × their multipliers, reviewer fees);
 * `pending` is what final items not yet in an epoch will add, at multiplier 1
 * (the rate is fixed when the epoch closes); `committed` = both.
 */
export async function taskProgress(ctx: HubContext, taskId: string) {
  const task = await getTask(ctx.db, taskId);
  const rewardPerItem = BigInt(task.reward_per_item);
  const reviewerFee = BigInt(task.reviewer_fee);

  const statusRows = await ctx.db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM items WHERE task_id = $1 GROUP BY status', [taskId]);
  const items = { open: 0, accepted: 0, disputed: 0, resolved: 0 };
  for (const r of statusRows) if (r.status in items) items[r.status as keyof typeof items] = r.n;

  const annotatorRows = await ctx.db.query<AnnotatorRow>(
    `SELECT a.annotator,
       count(*)::int AS assigned,
       count(*) FILTER (WHERE a.batch_id IS NOT NULL)::int AS submitted,
       count(*) FILTER (WHERE a.batch_id IS NOT NULL AND i.status IN ('accepted', 'resolved') AND i.consensus->'agreeingAnnotators' ? a.annotator)::int AS agreed,
       count(*) FILTER (WHERE a.batch_id IS NOT NULL AND i.status IN ('accepted', 'resolved') AND NOT coalesce(i.consensus->'agreeingAnnotators' ? a.annotator, false))::int AS rejected,
       count(*) FILTER (WHERE a.batch_id IS NOT NULL AND i.status IN ('accepted', 'resolved') AND i.rewarded_epoch IS NULL AND i.consensus->'agreeingAnnotators' ? a.annotator)::int AS agreed_unrewarded
     FROM assignments a JOIN items i ON i.id = a.item_id
     WHERE a.task_id = $1 GROUP BY a.annotator ORDER BY a.annotator`,
    [taskId],
  );
  const allocatedRows = await ctx.db.query<{ account: string; amount: string }>(
    'SELECT r.account, sum(r.amount)::text AS amount FROM rewards r JOIN items i ON i.id = r.item_id WHERE i.task_id = $1 GROUP BY r.account',
    [taskId],
  );
  const allocatedTo = new Map(allocatedRows.map((r) => [r.account, BigInt(r.amount)]));
  const reviewerRows = await ctx.db.query<{ reviewer: string; verdicts: number; unrewarded: number }>(
    `SELECT v.reviewer, count(*)::int AS verdicts, count(*) FILTER (WHERE i.rewarded_epoch IS NULL)::int AS unrewarded
     FROM verdicts v JOIN items i ON i.id = v.item_id WHERE v.task_id = $1 GROUP BY v.reviewer ORDER BY v.reviewer`,
    [taskId],
  );
  const [window] = await ctx.db.query<{ finalized: number; since: Date }>(
    `SELECT count(*) FILTER (WHERE i.status IN ('accepted', 'resolved') AND i.finalized_at >= w.since)::int AS finalized, w.since
     FROM (SELECT greatest($2::timestamptz, t.created_at) AS since FROM tasks t WHERE t.id = $1) w
     LEFT JOIN items i ON i.task_id = $1
     GROUP BY w.since`,
    [taskId, new Date(ctx.now() - ETA_WINDOW_MS)],
  );

  const annotators = annotatorRows.map((r) => {
    const pending = rewardPerItem * BigInt(r.agreed_unrewarded);
    const allocated = allocatedTo.get(r.annotator) ?? 0n;
    return {
      annotator: r.annotator,
      assigned: r.assigned,
      submitted: r.submitted,
      agreed: r.agreed,
      rejected: r.rejected,
      /** Submitted, item not final yet (waiting for its other submissions, or disputed). */
      undecided: r.submitted - r.agreed - r.rejected,
      agreementRate: ratio(r.agreed, r.agreed + r.rejected),
      earnings: { allocated: allocated.toString(), pending: pending.toString(), total: (allocated + pending).toString() },
    };
  });
  const reviewers = reviewerRows.map((r) => {
    const allocated = allocatedTo.get(r.reviewer) ?? 0n;
    const pending = reviewerFee * BigInt(r.unrewarded);
    return { reviewer: r.reviewer, verdicts: r.verdicts, fees: { allocated: allocated.toString(), pending: pending.toString(), total: (allocated + pending).toString() } };
  });

  const allocated = allocatedRows.reduce((sum, r) => sum + BigInt(r.amount), 0n);
  const pending = annotatorRows.reduce((sum, r) => sum + rewardPerItem * BigInt(r.agreed_unrewarded), 0n) + reviewerRows.reduce((sum, r) => sum + reviewerFee * BigInt(r.unrewarded), 0n);
  const committed = allocated + pending;
  const final = items.accepted + items.resolved;
  const agreed = annotatorRows.reduce((s, r) => s + r.agreed, 0);
  const rejected = annotatorRows.reduce((s, r) => s + r.rejected, 0);

  return {
    taskId: task.id,
    title: task.title,
    itemCount: task.item_count,
    redundancy: task.redundancy,
    deadline: task.deadline === null ? null : new Date(task.deadline).toISOString(),
    items,
    /** Submissions on final items that agree with the final labels (what is paid), over all submissions on final items. */
    agreementRate: ratio(agreed, agreed + rejected),
    /** Decided items that needed a reviewer (disputed or resolved), over all decided items. */
    disputeRate: ratio(items.disputed + items.resolved, items.accepted + items.disputed + items.resolved),
    spend: {
      allocated: allocated.toString(),
      pending: pending.toString(),
      committed: committed.toString(),
      /** The most the task can ever cost (tasks/taskLimits.ts): what its pool must hold to pay every promise. */
      maxSpend: maxTaskSpend({ rewardPerItem, reviewerFee, redundancy: task.redundancy, items: task.item_count }, ctx.config.multiplierBounds.max).toString(),
    },
    ...(await poolOf(ctx, task.id)),
    /** Committed spend over final items, in wei (integer division); null before the first. */
    costPerAcceptedItem: final === 0 ? null : (committed / BigInt(final)).toString(),
    eta: eta(ctx.now(), items.open + items.disputed, window?.finalized ?? 0, window ? new Date(window.since).getTime() : ctx.now()),
    annotators,
    reviewers,
  };
}

/**
 * The task's pool on chain (epochs/taskPools.ts: deposited, allocated, paid,
 * remaining, state) — what the spend is drawn from. Null on a hub without a
 * chain; null with `poolError` when the chain cannot be read right now (the
 * rest of the dashboard does not depend on it).
 */
async function poolOf(ctx: HubContext, taskId: string): Promise<{ pool: TaskPoolStatus | null; poolError?: string }> {
  if (!ctx.chain) return { pool: null };
  try {
    return { pool: await taskPoolStatus(ctx, taskId) };
  } catch (e) {
    return { pool: null, poolError: (e as Error).message };
  }
}

/**
 * Remaining items (open + disputed) at the rate items became final
 * (accepted or resolved) since `since` — the last 24 hours, or since the
 * task was created when it is younger. No estimate (null) before any item
 * is final in that window; done when nothing remains.
 */
function eta(now: number, remaining: number, finalized: number, since: number) {
  const hours = Math.max(now - since, 60_000) / 3600_000;
  const perHour = finalized / hours;
  return {
    remainingItems: remaining,
    finalizedInWindow: finalized,
    windowHours: Math.round(hours * 100) / 100,
    itemsPerHour: Math.round(perHour * 100) / 100,
    done: remaining === 0,
    estimatedCompletion: remaining === 0 || perHour === 0 ? null : new Date(now + (remaining / perHour) * 3600_000).toISOString(),
    method: 'remaining (open + disputed) items ÷ items finalised (accepted or resolved) per hour over the last 24 h, or since the task was created if it is younger',
  };
}
