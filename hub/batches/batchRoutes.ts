import type { FastifyInstance } from 'fastify';
import { uploadBatchRoute } from '../../core/hubApi/batches';
import type { HubContext } from '../context';
import { forbidden, HubError } from '../http/hubError';
import { serveRoute } from '../http/serveRoute';
import { storeBatch } from './storeBatch';

/**
 * POST /batches: a signed LabelBatch with its items' canonical labels.
 * The body is kept as raw text and verified off the main thread against the
 * route's schema (root, EIP-712 digest, signer); the main thread only stores.
 */
export function batchRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: ctx.config.batchBodyLimit }, (_req, body, done) => done(null, body));

    serveRoute(
      scope,
      uploadBatchRoute,
      async ({ req }) => {
        // The raw text (the JSON parser is replaced above): the verifier parses it with the route's schema.
        const body = req.body;
        if (typeof body !== 'string') throw new HubError(415, 'unsupported_media_type', 'send the batch as Content-Type: application/json');
        const verified = await ctx.verifier.verify(body);
        if (!verified.ok) throw new HubError(verified.status, verified.code, verified.message);
        const account = req.account!.address;
        if (verified.signer !== account) {
          throw forbidden('signer_not_session', `the batch is signed by ${verified.signer} but this session belongs to ${account}: upload your own batches`);
        }
        const { receipt, decisionsEnqueued } = await storeBatch(ctx, verified);
        // Items this batch completed were enqueued in its (now committed) transaction; this process's worker takes them
        // within `decideLingerMs`, with those of the batches completing items meanwhile. Decided per batch, not by a
        // process-wide flag: another request committing first must not take the wake.
        if (decisionsEnqueued) ctx.jobs.wakeDecide();
        if (!receipt.duplicate) ctx.statistics.touched(verified.itemIds.length);
        return receipt;
      },
      { bodyLimit: ctx.config.batchBodyLimit, bodyCheckedByHandler: true },
    );
  });
}
