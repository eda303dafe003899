import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../context';
import { parseBody } from '../http/parseBody';
import { withAvailability } from '../access/taskAvailability';
import { assignWork } from './assignWork';
import { AssignBody, CreateTaskBody } from './taskBody';
import { exampleImage } from './exampleImage';
import { taskProgress } from './taskProgress';
import { createTask, getTask, listTasks, taskJson } from './taskStore';

export function taskRoutes(app: FastifyInstance, ctx: HubContext): void {
  // Every task is listed; those above the caller's tier are marked available: false with the tier they need.
  app.get('/tasks', { config: { access: 'signedIn' } }, async (req) => ({ tasks: await withAvailability(ctx, req.account!, await listTasks(ctx)) }));

  app.get('/tasks/:taskId', { config: { access: 'signedIn' } }, async (req) => {
    const [task] = await withAvailability(ctx, req.account!, [taskJson(await getTask(ctx.db, (req.params as { taskId: string }).taskId))]);
    return task;
  });

  // Example images of a task's instructions, to any signed-in account that may see the task (only hashes the task lists).
  app.get('/tasks/:taskId/examples/:sha256', { config: { access: 'signedIn' } }, async (req, reply) => {
    const { bytes, size } = await exampleImage(ctx, req.params as { taskId: string; sha256: string });
    reply.header('content-type', 'application/octet-stream').header('content-length', size).header('cache-control', 'private, max-age=31536000, immutable');
    return reply.send(bytes);
  });

  app.post('/tasks', { config: { access: 'requester' }, bodyLimit: 64 * 1024 * 1024 }, async (req, reply) => {
    const body = parseBody(CreateTaskBody, req.body);
    reply.status(201);
    return createTask(ctx, req.account!.address, body);
  });

  // The requester's dashboard (and operators'): statuses, agreement, spend, ETA, each annotator's contribution.
  app.get('/tasks/:taskId/progress', { config: { access: 'task.owner' } }, async (req) => taskProgress(ctx, (req.params as { taskId: string }).taskId));

  app.post('/tasks/:taskId/assignments', { config: { access: 'annotator' } }, async (req) => {
    const { count } = parseBody(AssignBody, req.body);
    const items = await assignWork(ctx, req.account!.address, (req.params as { taskId: string }).taskId, count);
    return { items };
  });
}
