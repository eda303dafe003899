import { checksumAddress } from '../../core/sync/address';
import { itemLabelHash, sortCanonicalShapes, type CanonicalShape } from '../../core/sync/canonicalLabels';
import { normalizeVideoLabels, type CanonicalVideoLabels } from '../../core/sync/canonicalVideo';
import type { Eip712Domain } from '../../core/sync/eip712';
import { itemIdToBytes32 } from '../../core/sync/labelBatch';
import { verdictDigest, type Verdict } from '../../core/sync/verdict';
import { describeIssues } from '../../core/sync/wireSchemas';
// The body is defined with its route (core/hubApi/verdicts.ts).
import { VerdictBodySchema, type VerdictReasonEntry } from '../../core/hubApi/verdicts';
import { recoverSigner } from '../batches/recoverSigner';

export interface VerifiedVerdict {
  ok: true;
  verdict: Verdict;
  itemId: string;
  /** Normalized and in canonical order: the item's final labels. */
  shapes: CanonicalShape[];
  /** A video item's final tracks, frame tags and segments, normalized (absent for an image verdict). */
  video?: CanonicalVideoLabels;
  reasons: VerdictReasonEntry[];
  signature: string;
  /** The EIP-712 digest: the verdict's identity (idempotency key, receipt id). */
  digest: string;
  signer: string;
}

export interface VerdictRejection {
  ok: false;
  status: number;
  code: string;
  message: string;
}

const reject = (status: number, code: string, message: string): VerdictRejection => ({ ok: false, status, code, message });

/**
 * Everything about a verdict that needs no database, checked as a batch is:
 * body shape, the labels hash recomputed from the uploaded shapes and, for
 * a video item, its video labels (core `itemLabelHash`, version 2), the item id matching the signed `item`, the EIP-712
 * digest in this hub's domain and the recovered signer (= `reviewer`).
 */
export function verifyVerdictBody(body: unknown, domain: Eip712Domain): VerifiedVerdict | VerdictRejection {
  const parsed = VerdictBodySchema.safeParse(body);
  if (!parsed.success) return reject(400, 'invalid_body', describeIssues(parsed.error));
  const { verdict: signed, signature, itemId, shapes, video, reasons } = parsed.data;
  const seen = new Set<number>();
  for (const [i, r] of reasons.entries()) {
    if (seen.has(r.index)) return reject(400, 'invalid_body', `reasons[${i}]: object ${r.index} has two reasons`);
    seen.add(r.index);
  }
  let labelsHash: string;
  let finalShapes: CanonicalShape[];
  let finalVideo: CanonicalVideoLabels | undefined;
  try {
    finalShapes = sortCanonicalShapes(shapes);
    finalVideo = video === undefined ? undefined : normalizeVideoLabels(video);
    labelsHash = itemLabelHash(itemId, finalShapes, finalVideo);
  } catch (e) {
    return reject(400, 'invalid_labels', (e as Error).message);
  }
  if (labelsHash !== signed.labelsHash.toLowerCase()) {
    const what = finalVideo ? 'shapes and video labels' : 'shapes';
    return reject(400, 'labels_mismatch', `the uploaded ${what} hash to ${labelsHash}, but the signed verdict says ${signed.labelsHash}: labels changed after signing`);
  }
  const item = itemIdToBytes32(itemId);
  if (item !== signed.item.toLowerCase()) return reject(400, 'item_mismatch', `the verdict is signed for item hash ${signed.item}, but itemId "${itemId}" hashes to ${item}`);
  const verdict: Verdict = { ...signed, reviewer: checksumAddress(signed.reviewer), task: signed.task.toLowerCase(), item, labelsHash };
  const digest = verdictDigest(domain, verdict);
  let signer: string;
  try {
    signer = recoverSigner(digest, signature);
  } catch (e) {
    return reject(400, 'invalid_signature', (e as Error).message);
  }
  if (signer !== verdict.reviewer) {
    return reject(
      401,
      'wrong_signer',
      `the signature recovers to ${signer}, not verdict.reviewer ${verdict.reviewer}, in this hub's EIP-712 domain (chainId ${String(domain.chainId)}, verifyingContract ${domain.verifyingContract})`,
    );
  }
  return { ok: true, verdict, itemId, shapes: finalShapes, ...(finalVideo ? { video: finalVideo } : {}), reasons, signature: signature.toLowerCase(), digest, signer };
}
