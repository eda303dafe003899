import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth/roles';
import type { HubContext } from '../context';
import { parseBody } from '../http/parseBody';
import { assignWork } from './assignWork';
import { AssignBody, CreateTaskBody } from './taskBody';
import { createTask, getTask, listTasks, taskJson } from './taskStore';

export function taskRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/tasks', { preHandler: requireRole(ctx) }, async () => ({ tasks: await listTasks(ctx) }));

  app.get('/tasks/:taskId', { preHandler: requireRole(ctx) }, async (req) => taskJson(await getTask(ctx.db, (req.params as { taskId: string }).taskId)));

  app.post('/tasks', { preHandler: requireRole(ctx, 'requester'), bodyLimit: 64 * 1024 * 1024 }, async (req, reply) => {
    const body = parseBody(CreateTaskBody, req.body);
    reply.status(201);
    return createTask(ctx, req.account!.address, body);
  });

  app.post('/tasks/:taskId/assignments', { preHandler: requireRole(ctx, 'annotator') }, async (req) => {
    const { count } = parseBody(AssignBody, req.body);
    const items = await assignWork(ctx, req.account!.address, (req.params as { taskId: string }).taskId, count);
    return { items };
  });
}
