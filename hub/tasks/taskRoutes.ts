import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../context';
import { parseBody } from '../http/parseBody';
import { withAvailability } from '../access/taskAvailability';
import { assignWork } from './assignWork';
import { AssignBody, CreateTaskBody } from './taskBody';
import { createTask, getTask, listTasks, taskJson } from './taskStore';

export function taskRoutes(app: FastifyInstance, ctx: HubContext): void {
  // Every task is listed; those above the caller's tier are marked available: false with the tier they need.
  app.get('/tasks', { config: { access: 'signedIn' } }, async (req) => ({ tasks: await withAvailability(ctx, req.account!, await listTasks(ctx)) }));

  app.get('/tasks/:taskId', { config: { access: 'signedIn' } }, async (req) => {
    const [task] = await withAvailability(ctx, req.account!, [taskJson(await getTask(ctx.db, (req.params as { taskId: string }).taskId))]);
    return task;
  });

  app.post('/tasks', { config: { access: 'requester' }, bodyLimit: 64 * 1024 * 1024 }, async (req, reply) => {
    const body = parseBody(CreateTaskBody, req.body);
    reply.status(201);
    return createTask(ctx, req.account!.address, body);
  });

  app.post('/tasks/:taskId/assignments', { config: { access: 'annotator' } }, async (req) => {
    const { count } = parseBody(AssignBody, req.body);
    const items = await assignWork(ctx, req.account!.address, (req.params as { taskId: string }).taskId, count);
    return { items };
  });
}
