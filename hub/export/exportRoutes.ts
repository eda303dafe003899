import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { formatIds, type FormatId } from '../../core/formats';
import type { HubContext } from '../context';
import { parseBody } from '../http/parseBody';
import { buildExport } from './buildExport';
import { listTaskItems } from './listTaskItems';

const ItemsQuery = z.object({
  after: z.coerce.number().int().min(-1).default(-1),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  status: z.enum(['open', 'accepted', 'disputed', 'resolved']).optional(),
});

const ExportQuery = z.object({
  format: z.enum(formatIds as [FormatId, ...FormatId[]]),
  disputed: z.enum(['exclude', 'include']).default('exclude'),
});

const taskIdOf = (params: unknown) => (params as { taskId: string }).taskId;

/** A requester's (and operators') view of their task: its items page by page, and the labels with lineage as a zip. */
export function exportRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/tasks/:taskId/items', { config: { access: 'task.owner' } }, async (req) => {
    const query = parseBody(ItemsQuery, req.query, 'invalid_query');
    return listTaskItems(ctx, taskIdOf(req.params), query);
  });

  app.get('/tasks/:taskId/export', { config: { access: 'task.owner' } }, async (req, reply) => {
    const query = parseBody(ExportQuery, req.query, 'invalid_query');
    const taskId = taskIdOf(req.params);
    const { zip } = await buildExport(ctx, taskId, query);
    const name = `${taskId.replace(/[^A-Za-z0-9._-]/g, '_')}-${query.format}.zip`;
    return reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${name}"`).send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
  });
}
