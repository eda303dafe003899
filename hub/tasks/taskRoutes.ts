import type { FastifyInstance } from 'fastify';
import { assignWorkRoute, createTaskRoute, getTaskRoute, listTasksRoute, taskExampleRoute, taskProgressRoute } from '../../core/hubApi/tasks';
import type { HubContext } from '../context';
import { serveRoute } from '../http/serveRoute';
import { withAvailability } from '../access/taskAvailability';
import { assignWork } from './assignWork';
import { exampleImage } from './exampleImage';
import { taskProgress } from './taskProgress';
import { createTask, getTask, listTasks, taskJson } from './taskStore';

export function taskRoutes(app: FastifyInstance, ctx: HubContext): void {
  // Every task is listed; those above the caller's tier are marked available: false with the tier they need.
  serveRoute(app, listTasksRoute, async ({ req }) => ({ tasks: await withAvailability(ctx, req.account!, await listTasks(ctx)) }));

  serveRoute(app, getTaskRoute, async ({ params, req }) => {
    const [task] = await withAvailability(ctx, req.account!, [taskJson(await getTask(ctx.db, params.taskId))]);
    return task;
  });

  // Example images of a task's instructions, to any signed-in account that may see the task (only hashes the task lists).
  serveRoute(app, taskExampleRoute, async ({ params, reply }) => {
    const { bytes, size } = await exampleImage(ctx, params);
    reply.header('content-type', 'application/octet-stream').header('content-length', size).header('cache-control', 'private, max-age=31536000, immutable');
    return reply.send(bytes);
  });

  serveRoute(
    app,
    createTaskRoute,
    async ({ body, req, reply }) => {
      reply.status(201);
      return createTask(ctx, req.account!.address, body);
    },
    { bodyLimit: 64 * 1024 * 1024 },
  );

  // The requester's dashboard (and operators'): statuses, agreement, spend, ETA, each annotator's contribution.
  serveRoute(app, taskProgressRoute, async ({ params }) => taskProgress(ctx, params.taskId));

  serveRoute(app, assignWorkRoute, async ({ params, body, req }) => ({ items: await assignWork(ctx, req.account!.address, params.taskId, body.count) }));
}
