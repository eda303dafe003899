import type { FastifyInstance } from 'fastify';
import { heldMediaRoute } from '../../core/hubApi/requesterMedia';
import type { HubContext } from '../context';
import type { Db, Queryable } from '../db/adapter';
import { serveRoute } from '../http/serveRoute';

/**
 * The media rows of `sha256s` that `requester` uploaded (and proved, by
 * sending bytes that hash to them). The one rule for "held for this
 * requester", used by the held route and by a task's example images.
 * Everyone else's media is left out exactly like an absent hash.
 *
 * Not "items of the requester's own tasks": a task may list any hash
 * without uploading it, so that rule would let a requester who only knows
 * a hash — or holds a leaked file — learn that another requester's bytes
 * are here by listing them as an item first.
 */
export async function uploadedBy(db: Queryable, requester: string, sha256s: readonly string[]): Promise<{ sha256: string; size: number }[]> {
  if (sha256s.length === 0) return [];
  const rows = await db.query<{ sha256: string; size: string | number }>(
    `SELECT m.sha256, m.size FROM media_uploads u JOIN media m ON m.sha256 = u.sha256
     WHERE u.uploader = $2 AND u.sha256 = ANY($1::text[])`,
    [[...new Set(sha256s)], requester],
  );
  return rows.map((r) => ({ sha256: r.sha256, size: Number(r.size) }));
}

/**
 * Media held on this hub for `requester` (`uploadedBy`) whose bytes are
 * still here: what a publishing workstation need not send again. In the
 * order asked, each once; says nothing about other requesters' files.
 */
export async function heldFor(ctx: Pick<HubContext, 'db' | 'media'>, requester: string, sha256s: readonly string[]): Promise<string[]> {
  const own = new Set((await uploadedBy(ctx.db, requester, sha256s)).map((r) => r.sha256));
  const held: string[] = [];
  // The file itself, not only its row: a file lost on disk must be sent again.
  for (const sha of new Set(sha256s)) if (own.has(sha) && (await ctx.media.size(sha)) !== null) held.push(sha);
  return held;
}

/**
 * Records a verified upload (PUT /media/:sha256): the media row and that
 * `uploader` holds it. True the first time this uploader sends these bytes
 * — whether anyone else sent them before is not part of the answer.
 */
export async function recordUpload(db: Pick<Db, 'transaction'>, uploader: string, sha256: string, size: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('INSERT INTO media (sha256, size) VALUES ($1, $2) ON CONFLICT DO NOTHING', [sha256, size]);
    const rows = await tx.query('INSERT INTO media_uploads (uploader, sha256) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1', [uploader, sha256]);
    return rows.length > 0;
  });
}

/** `POST /media/held` (core/hubApi/requesterMedia.ts). */
export function heldMediaRoutes(app: FastifyInstance, ctx: HubContext): void {
  serveRoute(app, heldMediaRoute, async ({ body, req }) => ({ held: await heldFor(ctx, req.account!.address, body.sha256s) }));
}
