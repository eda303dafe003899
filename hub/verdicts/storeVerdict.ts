import type { HubContext } from '../context';
import type { Queryable } from '../db/adapter';
import { loadSubmissions } from '../consensus/loadSubmissions';
import { loadVideoItems } from '../consensus/videoItems';
import { conflict, forbidden, HubError, notFound } from '../http/hubError';
import type { VerifiedVerdict } from './verifyVerdictBody';
import { receiptIfExpired } from '../http/expiredSignature';
import { checkVerdictKind, verdictOutcome } from './videoVerdict';

export interface VerdictReceipt {
  verdictId: string;
  itemId: string;
  status: 'resolved';
  duplicate: boolean;
  acceptedAt: string;
  /** Annotators whose shapes agree with the verdict's labels: they earn the item's reward. */
  agreeingAnnotators: string[];
}

async function existingReceipt(db: Queryable, digest: string): Promise<VerdictReceipt | null> {
  const [row] = await db.query<{ item_id: string; received_at: Date; agreeing: string[] }>(
    `SELECT v.item_id, v.received_at, ARRAY(SELECT jsonb_array_elements_text(i.consensus->'agreeingAnnotators')) AS agreeing
     FROM verdicts v JOIN items i ON i.id = v.item_id WHERE v.digest = $1`,
    [digest],
  );
  return row ? { verdictId: digest, itemId: row.item_id, status: 'resolved', duplicate: true, acceptedAt: new Date(row.received_at).toISOString(), agreeingAnnotators: row.agreeing } : null;
}

interface ItemRow {
  id: string;
  status: string;
  task_id: string;
  task_hash: string;
  consensus: unknown;
}

/**
 * Stores a verified verdict and finalizes its item, in one transaction:
 * the verdict row (signature, labels, reasons) and the item turned
 * 'resolved' with the verdict's labels as its final labels. Refusals
 * (nothing stored): unknown item, task mismatch, a nonce this reviewer
 * already used (a replayed verdict), a reviewer who was assigned the item,
 * an item not in dispute, a verdict not of its item's kind (videoVerdict.ts:
 * video labels for a video item, with its frame count; none for an image).
 * The same verdict again answers its first receipt.
 */
export async function storeVerdict(ctx: HubContext, v: VerifiedVerdict): Promise<VerdictReceipt> {
  const late = await receiptIfExpired(ctx, v.verdict.deadline, 'verdict', () => existingReceipt(ctx.db, v.digest));
  if (late) return late;
  return ctx.db.transaction(async (tx) => {
    const [item] = await tx.query<ItemRow>(
      `SELECT i.id, i.status, i.task_id, t.task_hash, i.consensus FROM items i JOIN tasks t ON t.id = i.task_id WHERE i.id = $1 FOR UPDATE OF i`,
      [v.itemId],
    );
    if (!item) throw notFound('unknown_item', `no item "${v.itemId}"`);
    const known = await existingReceipt(tx, v.digest);
    if (known) return known;
    const [used] = await tx.query('SELECT 1 FROM verdicts WHERE reviewer = $1 AND nonce = $2', [v.signer, v.verdict.nonce]);
    if (used) throw conflict('nonce_used', `nonce ${v.verdict.nonce} of ${v.signer} was already used by another verdict: a replayed verdict is refused, every verdict needs a fresh nonce`);
    if (item.task_hash !== v.verdict.task) throw new HubError(400, 'task_mismatch', `the verdict is signed for task hash ${v.verdict.task}, but item "${item.id}" belongs to task ${item.task_id} (${item.task_hash})`);
    const [labeled] = await tx.query('SELECT batch_id IS NOT NULL AS submitted FROM assignments WHERE item_id = $1 AND annotator = $2', [item.id, v.signer]);
    if (labeled) throw forbidden('reviewer_labeled_item', `${v.signer} was assigned item "${item.id}" as an annotator: a reviewer never rules on an item they labeled`);
    const video = (await loadVideoItems(tx, [item.id])).get(item.id) ?? null;
    checkVerdictKind(item.id, video, v);
    if (item.status !== 'disputed') {
      const why = item.status === 'resolved' ? 'it was already resolved by a verdict' : item.status === 'accepted' ? 'consensus accepted it' : 'it has not reached its k submissions yet';
      throw conflict('item_not_in_dispute', `item "${item.id}" is ${item.status}, not disputed: ${why}`);
    }
    const outcome = verdictOutcome(item.id, video, v, await loadSubmissions(tx, [item.id]), ctx.config.iouThreshold);
    const [row] = await tx.query<{ received_at: Date }>(
      `INSERT INTO verdicts (digest, reviewer, item_id, task_id, labels_hash, nonce, deadline, signature, shapes, reasons)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb) RETURNING received_at`,
      [v.digest, v.signer, item.id, item.task_id, v.verdict.labelsHash, v.verdict.nonce, String(v.verdict.deadline), v.signature, JSON.stringify(v.shapes), JSON.stringify(v.reasons)],
    );
    const doc = {
      status: 'resolved',
      ...outcome,
      verdict: { reviewer: v.signer, verdictId: v.digest, reasons: v.reasons, receivedAt: new Date(row!.received_at).toISOString() },
      proposal: item.consensus,
    };
    await tx.query(`UPDATE items SET status = 'resolved', consensus = $2::jsonb, finalized_at = now() WHERE id = $1`, [item.id, JSON.stringify(doc)]);
    return { verdictId: v.digest, itemId: item.id, status: 'resolved' as const, duplicate: false, acceptedAt: new Date(row!.received_at).toISOString(), agreeingAnnotators: outcome.agreeingAnnotators };
  });
}
