import { sameAddress } from '../sync/address';
import { itemLabelHash } from '../sync/canonicalLabels';
import type { Eip712Domain } from '../sync/eip712';
import { labelBatchDigest } from '../sync/labelBatch';
import { verifyMerkleProof, type Keccak256 } from '../sync/merkle';
import type { LineageLine, LineageSubmission } from './exportFiles';
import type { Report } from './problems';

/** Recovers the address that signed a 32-byte digest; throws on a malformed signature (the caller brings secp256k1). */
export type RecoverSigner = (digest: string, signature: string) => string;

/**
 * Recovers each distinct (digest, signature) once: a batch signs many items,
 * and its signature is checked for every one of them.
 */
export function cachedRecover(recover: RecoverSigner): (digest: string, signature: string) => { signer: string } | { error: string } {
  const cache = new Map<string, { signer: string } | { error: string }>();
  return (digest, signature) => {
    const key = `${digest}:${signature}`.toLowerCase();
    let hit = cache.get(key);
    if (!hit) {
      try {
        hit = { signer: recover(digest, signature) };
      } catch (e) {
        hit = { error: (e as Error).message };
      }
      cache.set(key, hit);
    }
    return hit;
  };
}

/** The submission's leaf, or null (reported) when its labels are not valid canonical labels, e.g. a frame past the video's end. */
function labelHashOf(id: string, s: LineageSubmission, who: string, report: Report): string | null {
  try {
    return itemLabelHash(id, s.shapes, s.video);
  } catch (e) {
    report(id, 'labels', `${who}: its labels are not valid canonical labels: ${(e as Error).message}`);
    return null;
  }
}

/** A video item's submissions carry video labels of the item's frame count; an image item's carry none. */
function checkSubmissionKind(line: LineageLine, s: LineageSubmission, who: string, report: Report): void {
  if (line.video && !s.video) report(line.itemId, 'labels', `${who}: the item is a video of ${line.video.frameCount} frames, but the submission carries no video labels`);
  else if (!line.video && s.video) report(line.itemId, 'labels', `${who}: the submission carries video labels, but the item's final labels have none`);
  else if (line.video && s.video && s.video.frameCount !== line.video.frameCount) {
    report(line.itemId, 'labels', `${who}: the submission's video has ${s.video.frameCount} frames, the item's final labels ${line.video.frameCount}`);
  }
}

export interface SubmissionCheckContext {
  domain: Eip712Domain;
  /** The task's bytes32 every batch must have signed. */
  task: string;
  redundancy: number;
  recover: ReturnType<typeof cachedRecover>;
  keccak?: Keccak256;
}

/**
 * Each submission of the item: its shapes (and a video item's tracks, frame
 * tags and segments) hash to its label hash, the label
 * hash is in the batch root (inclusion proof), the batch fields give the
 * stated digest, and the signature over that digest recovers to the annotator.
 * Also: k submissions from k different annotators. Returns how many proofs
 * and signatures were checked.
 */
export function checkSubmissions(line: LineageLine, ctx: SubmissionCheckContext, report: Report): void {
  const id = line.itemId;
  const annotators = new Set(line.submissions.map((s) => s.annotator.toLowerCase()));
  if (annotators.size !== line.submissions.length) report(id, 'lineage', `${line.submissions.length} submissions but only ${annotators.size} distinct annotators`);
  if (line.submissions.length !== ctx.redundancy) report(id, 'lineage', `${line.submissions.length} submissions, but the task's redundancy is ${ctx.redundancy}`);
  for (const s of line.submissions) {
    const who = `submission of ${s.annotator} (batch ${s.batch.digest})`;
    const hash = labelHashOf(id, s, who, report);
    if (hash && hash !== s.labelHash.toLowerCase()) report(id, 'labels', `${who}: its ${s.video ? 'shapes and video labels' : 'shapes'} hash to ${hash}, but the lineage says ${s.labelHash}`);
    checkSubmissionKind(line, s, who, report);
    if (!verifyMerkleProof(s.labelHash, s.proof, s.batch.root, ctx.keccak)) {
      report(id, 'proof', `${who}: the inclusion proof does not lead from label hash ${s.labelHash} to batch root ${s.batch.root}`);
    }
    const digest = labelBatchDigest(ctx.domain, { annotator: s.annotator, task: ctx.task, root: s.batch.root, itemCount: s.batch.itemCount, nonce: s.batch.nonce, deadline: s.batch.deadline });
    if (digest !== s.batch.digest.toLowerCase()) {
      report(id, 'signature', `${who}: the batch fields (annotator, task, root, itemCount, nonce, deadline) give EIP-712 digest ${digest}, not the stated ${s.batch.digest}`);
    }
    const got = ctx.recover(digest, s.signature);
    if ('error' in got) report(id, 'signature', `${who}: the signature is invalid, it recovers no signer (${got.error})`);
    else if (!sameAddress(got.signer, s.annotator)) report(id, 'signature', `${who}: the signature recovers to ${got.signer}, not the annotator ${s.annotator}`);
  }
}
