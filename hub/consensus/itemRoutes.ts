import type { FastifyInstance } from 'fastify';
import { getItemRoute, itemLineageRoute } from '../../core/hubApi/items';
import { itemLabelHash } from '../../core/sync/canonicalLabels';
import { annotatorItemView } from '../access/annotatorItemView';
import type { HubContext } from '../context';
import { notFound } from '../http/hubError';
import { serveRoute } from '../http/serveRoute';
import { loadSubmissions } from './loadSubmissions';

interface ItemRow {
  id: string;
  task_id: string;
  sha256: string;
  status: string;
  submitted: number;
  redundancy: number;
  consensus: unknown;
  finalized_at: Date | null;
  rewarded_epoch: bigint | null;
}

async function itemRow(ctx: HubContext, itemId: string): Promise<ItemRow> {
  // Consensus runs after the batch response: wait for this item's round so a read after an upload sees its decision.
  await ctx.consensus.settled(itemId);
  const [row] = await ctx.db.query<ItemRow>(
    `SELECT i.id, i.task_id, i.sha256, i.status, t.redundancy,
       (SELECT count(*)::int FROM assignments a WHERE a.item_id = i.id AND a.batch_id IS NOT NULL) AS submitted, i.consensus, i.finalized_at, i.rewarded_epoch
     FROM items i JOIN tasks t ON t.id = i.task_id WHERE i.id = $1`,
    [itemId],
  );
  if (!row) throw notFound('unknown_item', `no item "${itemId}"`);
  return row;
}

export function itemRoutes(app: FastifyInstance, ctx: HubContext): void {
  // Annotators of the item get their own view only (blind redundancy); see hub/access/annotatorItemView.ts.
  serveRoute(app, getItemRoute, async ({ params, req }) => {
    const row = await itemRow(ctx, params.itemId);
    const item = {
      itemId: row.id,
      taskId: row.task_id,
      sha256: row.sha256,
      status: row.status,
      submissions: row.submitted,
      redundancy: row.redundancy,
      consensus: row.consensus,
      finalizedAt: row.finalized_at ? new Date(row.finalized_at).toISOString() : null,
      rewardedEpoch: row.rewarded_epoch === null ? null : row.rewarded_epoch.toString(),
    };
    if (req.itemView !== 'annotator') return item;
    const me = req.account!.address;
    const [own] = await ctx.db.query<{ submitted: boolean }>('SELECT batch_id IS NOT NULL AS submitted FROM assignments WHERE item_id = $1 AND annotator = $2', [row.id, me]);
    return annotatorItemView(item, me, own?.submitted ?? false);
  });

  // Where an item's labels came from: each signed batch, its annotator and signature, and whether the stored labels still hash to what was signed.
  serveRoute(app, itemLineageRoute, async ({ params }) => {
    const row = await itemRow(ctx, params.itemId);
    const subs = await loadSubmissions(ctx.db, [row.id]);
    const batches = await ctx.db.query<{ digest: string; root: string; nonce: string; deadline: string; item_count: number }>(
      'SELECT digest, root, nonce, deadline, item_count FROM batches WHERE digest = ANY($1::text[])',
      [subs.map((s) => s.batchDigest)],
    );
    const byDigest = new Map(batches.map((b) => [b.digest, b]));
    return {
      itemId: row.id,
      taskId: row.task_id,
      status: row.status,
      consensus: row.consensus,
      submissions: subs.map((s) => {
        const b = byDigest.get(s.batchDigest)!;
        return {
          annotator: s.annotator,
          batchId: s.batchDigest,
          signature: s.signature,
          root: b.root,
          nonce: b.nonce,
          deadline: Number(b.deadline),
          itemCount: b.item_count,
          labelHash: s.labelHash,
          // A video submission was signed in the version-2 form: its hash covers tracks, frame tags and segments too.
          labelsMatchHash: itemLabelHash(row.id, s.shapes, s.video) === s.labelHash,
          shapes: s.shapes,
          ...(s.video ? { video: s.video } : {}),
          receivedAt: new Date(s.receivedAt).toISOString(),
        };
      }),
    };
  });
}
