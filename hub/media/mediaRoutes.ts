import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { getMediaRoute, putMediaRoute } from '../../core/hubApi/media';
import type { HubContext } from '../context';
import { badRequest, HubError, notFound } from '../http/hubError';
import { serveRoute } from '../http/serveRoute';
import { parseByteRange } from './byteRange';
import { recordUpload } from './heldMedia';
import { MediaHashMismatch, MediaTooLarge } from './mediaErrors';

const SHA256 = /^[0-9a-f]{64}$/;

export function shaParam(params: unknown): string {
  const sha = (params as { sha256: string }).sha256;
  if (!SHA256.test(sha)) throw badRequest('invalid_sha256', `"${sha}" is not a lower-case hex sha256`);
  return sha;
}

/**
 * 413 for an upload past the limit. The rest of its body is never read, so the connection closes after the answer
 * rather than staying half-used (a request never complete) until a timeout, which also held the hub's close for 72 s.
 */
function tooLarge(reply: FastifyReply, message: string): HubError {
  reply.header('connection', 'close');
  return new HubError(413, 'media_too_large', message);
}

export function mediaRoutes(app: FastifyInstance, ctx: HubContext): void {
  // Media bodies stay streams: a large upload is hashed while it is written, never held in memory.
  app.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));

  serveRoute(
    app,
    putMediaRoute,
    async ({ params, req, reply }) => {
      const sha = shaParam(params);
      if (!req.body || typeof (req.body as Readable).pipe !== 'function') {
        throw badRequest('invalid_media_body', 'send the media bytes with Content-Type: application/octet-stream');
      }
      // A declared size past the limit is refused before a byte is read (the meter below stops an undeclared one).
      if (Number(req.headers['content-length']) > ctx.config.mediaBodyLimit) throw tooLarge(reply, `media is larger than ${ctx.config.mediaBodyLimit} bytes`);
      try {
        const { size } = await ctx.media.put(sha, req.body as Readable, ctx.config.mediaBodyLimit);
        // `created`: new for THIS requester (media/heldMedia.ts) — never whether someone else uploaded these bytes.
        const created = await recordUpload(ctx.db, req.account!.address, sha, size);
        reply.status(created ? 201 : 200);
        return { sha256: sha, size, created };
      } catch (e) {
        if (e instanceof MediaHashMismatch) throw badRequest('media_hash_mismatch', `the uploaded bytes hash to ${e.actual}, not ${sha}`);
        if (e instanceof MediaTooLarge) throw tooLarge(reply, e.message);
        throw e;
      }
    },
  );

  // Only to those the item rules let see an item with these bytes (hub/access/mediaAccess.ts).
  serveRoute(app, getMediaRoute, async ({ params, req, reply }) => {
    const sha = shaParam(params);
    // The guard's grant: stored bytes only through an item whose requester uploaded them; else the item's own URL.
    const grant = req.mediaGrant!;
    const size = grant.bytes ? await ctx.media.size(sha) : null;
    if (size === null) {
      if (grant.url) return reply.redirect(grant.url, 302);
      throw notFound('unknown_media', `no media ${sha} on this hub`);
    }
    // Object storage: the reader fetches the bytes (and its ranges) from the store with a short-lived URL, not through this process.
    const direct = await ctx.media.downloadUrl(sha);
    if (direct) {
      // The URL is a bearer grant that expires: never cached by anything in between.
      reply.header('cache-control', 'no-store');
      return reply.redirect(direct, 302);
    }
    reply.header('accept-ranges', 'bytes').header('content-type', 'application/octet-stream').header('cache-control', 'private, max-age=31536000, immutable');
    const range = parseByteRange(req.headers.range, size);
    if (range === 'unsatisfiable') {
      reply.status(416).header('content-range', `bytes */${size}`);
      return reply.send();
    }
    if (range) {
      reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`).header('content-length', range.end - range.start + 1);
      return reply.send(ctx.media.read(sha, range));
    }
    reply.header('content-length', size);
    return reply.send(ctx.media.read(sha));
  });
}
