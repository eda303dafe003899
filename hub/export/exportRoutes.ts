import type { FastifyInstance } from 'fastify';
import { taskExportRoute, taskItemsRoute } from '../../core/hubApi/export';
import type { HubContext } from '../context';
import { serveRoute } from '../http/serveRoute';
import { buildExport } from './buildExport';
import { listTaskItems } from './listTaskItems';

/** A requester's (and operators') view of their task: its items page by page, and the labels with lineage as a zip. */
export function exportRoutes(app: FastifyInstance, ctx: HubContext): void {
  serveRoute(app, taskItemsRoute, async ({ params, query }) => listTaskItems(ctx, params.taskId, query));

  serveRoute(app, taskExportRoute, async ({ params, query, reply }) => {
    const { zip, manifest } = await buildExport(ctx, params.taskId, query);
    const name = `${params.taskId.replace(/[^A-Za-z0-9._-]/g, '_')}-${manifest.format}.zip`;
    return reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${name}"`).send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
  });
}
