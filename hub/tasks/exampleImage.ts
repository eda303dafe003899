import type { Readable } from 'node:stream';
import type { HubContext } from '../context';
import { notFound } from '../http/hubError';
import { shaParam } from '../media/mediaRoutes';
import { getTask } from './taskStore';

/**
 * The bytes of one example image of a task — only a hash the task lists as
 * an example, never any other media (GET /media/:sha256 keeps its own rule).
 */
export async function exampleImage(ctx: HubContext, params: { taskId: string; sha256: string }): Promise<{ bytes: Readable; size: number }> {
  const sha = shaParam(params);
  const task = await getTask(ctx.db, params.taskId);
  const size = task.examples.includes(sha) ? await ctx.media.size(sha) : null;
  if (size === null) throw notFound('unknown_example', `task "${task.id}" has no example ${sha}`);
  return { bytes: ctx.media.read(sha), size };
}
