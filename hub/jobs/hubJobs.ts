import type { HubContext } from '../context';
import { finalizeInRounds, finalizeReadyItems } from '../consensus/finalizeItems';
import { catchUpReputation } from '../reputation/catchUp';
import { QUEUES, type JobHandlers } from './jobQueue';

/**
 * Queues a reputation catch-up a little later: while one waits, every repeat
 * folds into it (the 'short' policy), so a stream of decisions costs one
 * catch-up per `scoreDelaySeconds`, not one per job.
 */
const scoreLater = (ctx: HubContext) => ctx.jobs.send(QUEUES.score, {}, 'all', ctx.jobSettings.scoreDelaySeconds);

/**
 * What each queue does (hub/jobs/README.md). Deciding is idempotent — only
 * open items are written, so a job run twice, or by two processes, decides
 * each item once — and so is scoring (each item is marked when scored).
 */
export function hubJobHandlers(ctx: HubContext): JobHandlers {
  return {
    async [QUEUES.decide](jobs) {
      const itemIds = [...new Set(jobs.flatMap((data) => (Array.isArray(data.itemIds) ? data.itemIds.filter((id): id is string => typeof id === 'string') : [])))];
      try {
        await finalizeInRounds(ctx, itemIds);
      } catch (e) {
        // A round of jobs, their items decided together. finalizeInRounds ran every part (2,000 items, one transaction
        // each) before rethrowing the first error, and an item that cannot be decided is skipped, not its part: what
        // could be decided is written. The throw fails every job of the round (pg-boss fails a fetch's jobs together),
        // and each is retried, deciding only what is still open; a job that fails for good leaves its items open, to
        // the sweep at the next start.
        console.error(`hub consensus: ${(e as Error).message} (the round's jobs are retried; the sweep at start decides what is left open once the data is sound)`);
        throw e;
      } finally {
        await scoreLater(ctx);
      }
    },
    async [QUEUES.sweep]() {
      await finalizeReadyItems(ctx);
      await scoreLater(ctx);
    },
    async [QUEUES.score]() {
      await catchUpReputation(ctx);
    },
  };
}
