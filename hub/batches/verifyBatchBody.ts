import { checksumAddress } from '../../core/sync/address';
import type { Eip712Domain } from '../../core/sync/eip712';
import { canonicalItemLabels, compareText } from '../../core/sync/canonicalLabels';
import type { Hex } from '../../core/sync/hex';
import { labelBatchDigest, type BatchItem, type LabelBatch } from '../../core/sync/labelBatch';
import { describeIssues, SignedBatchUploadSchema, SYNC_LIMITS } from '../../core/sync/wireSchemas';
import { buildBatchTree } from '../../core/sync/merkle';
import { bytesHex, fastKeccak } from './fastKeccak';
import { encodeLabelsBlob } from './labelsBlob';
import { recoverSigner } from './recoverSigner';

/**
 * Everything about a signed batch that needs no database: body shape and
 * limits, canonical labels, the merkle root recomputed from them, the
 * EIP-712 digest in this hub's domain, and the recovered signer. Pure CPU
 * work on the raw JSON text, so it runs in a worker thread and the main
 * thread never parses a large body.
 */
export interface VerifyLimits {
  maxItemsPerBatch: number;
  maxShapesPerItem: number;
}

export interface VerifiedBatch {
  ok: true;
  batch: LabelBatch;
  signature: string;
  /** The EIP-712 digest: the batch's identity (receipt batchId, idempotency key). */
  digest: string;
  signer: string;
  /** Item ids in canonical (id) order with their label hashes. */
  itemIds: string[];
  hashes: string[];
  /** gzip of the canonical items JSON, base64: the one compact labels blob stored per batch. */
  labelsGzipBase64: string;
  /**
   * Per item (same order as itemIds): the frame count its video labels claim,
   * or null when it carries none (image labels, canonical form version 1).
   * storeBatch checks it against the item row before anything is stored.
   */
  frameCounts: (number | null)[];
}

export interface BatchRejection {
  ok: false;
  status: number;
  code: string;
  message: string;
}

const reject = (status: number, code: string, message: string): BatchRejection => ({ ok: false, status, code, message });

/** Size limits first, so an oversized body gets its own answer (413) before any per-item work. */
function checkSize(json: unknown, limits: VerifyLimits): BatchRejection | null {
  const items = (json as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return null;
  if (items.length > limits.maxItemsPerBatch) return reject(413, 'batch_too_large', `a batch may carry at most ${limits.maxItemsPerBatch} items, got ${items.length}`);
  const i = items.findIndex((it) => Array.isArray((it as { shapes?: unknown })?.shapes) && (it as { shapes: unknown[] }).shapes.length > limits.maxShapesPerItem);
  if (i >= 0) return reject(413, 'batch_too_large', `items[${i}] has more than ${limits.maxShapesPerItem} shapes`);
  for (let j = 0; j < items.length; j++) {
    const tooMuch = videoTooLarge((items[j] as { video?: unknown } | null)?.video);
    if (tooMuch) return reject(413, 'batch_too_large', `items[${j}].video ${tooMuch}`);
  }
  return null;
}

const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/** A video item past core's SYNC_LIMITS (tracks, keyframes over all tracks, frame tags, segments): refused before the schema walks every record. */
function videoTooLarge(video: unknown): string | null {
  if (!video || typeof video !== 'object') return null;
  const v = video as { tracks?: unknown; frameTags?: unknown; segments?: unknown };
  const tracks = Array.isArray(v.tracks) ? v.tracks : [];
  if (tracks.length > SYNC_LIMITS.maxTracksPerItem) return `has ${tracks.length} tracks, more than ${SYNC_LIMITS.maxTracksPerItem}`;
  const keyframes = tracks.reduce((n: number, t) => n + count((t as { keyframes?: unknown } | null)?.keyframes), 0);
  if (keyframes > SYNC_LIMITS.maxKeyframesPerItem) return `has ${keyframes} keyframes over its tracks, more than ${SYNC_LIMITS.maxKeyframesPerItem}`;
  if (count(v.frameTags) > SYNC_LIMITS.maxFrameTagsPerItem) return `has ${count(v.frameTags)} frame tags, more than ${SYNC_LIMITS.maxFrameTagsPerItem}`;
  if (count(v.segments) > SYNC_LIMITS.maxSegmentsPerItem) return `has ${count(v.segments)} segments, more than ${SYNC_LIMITS.maxSegmentsPerItem}`;
  return null;
}

export function verifyBatchBody(raw: string, domain: Eip712Domain, limits: VerifyLimits): VerifiedBatch | BatchRejection {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    return reject(400, 'invalid_json', `the body is not valid JSON: ${(e as Error).message}`);
  }
  const tooBig = checkSize(json, limits);
  if (tooBig) return tooBig;
  const parsed = SignedBatchUploadSchema.safeParse(json);
  if (!parsed.success) {
    const countIssue = parsed.error.issues.find((i) => i.path.join('.') === 'batch.itemCount' && i.code === 'custom');
    if (countIssue) return reject(400, 'item_count_mismatch', `batch.itemCount ${countIssue.message}`);
    return reject(400, 'invalid_body', describeIssues(parsed.error));
  }
  const { batch: header, signature, items } = parsed.data;
  const leaves = canonicalLeaves(items);
  if (!Array.isArray(leaves)) return leaves;
  // core's one batch tree, hashed with the WASM keccak (same bytes, faster).
  const root = bytesHex(buildBatchTree(leaves.map((l) => l.hashBytes), fastKeccak).root);
  if (root !== header.root.toLowerCase()) {
    return reject(400, 'root_mismatch', `the uploaded labels hash to root ${root}, but the signed batch says ${header.root}: labels changed after signing`);
  }
  const batch: LabelBatch = { ...header, annotator: checksumAddress(header.annotator), task: header.task.toLowerCase() as Hex, root: root };
  const digest = labelBatchDigest(domain, batch);
  let signer: string;
  try {
    signer = recoverSigner(digest, signature);
  } catch (e) {
    return reject(400, 'invalid_signature', `${(e as Error).message}`);
  }
  if (signer !== batch.annotator) {
    return reject(
      401,
      'wrong_signer',
      `the signature recovers to ${signer}, not batch.annotator ${batch.annotator}, in this hub's EIP-712 domain (chainId ${String(domain.chainId)}, verifyingContract ${domain.verifyingContract}): signed by another key, or for another chain or contract`,
    );
  }
  const labels = encodeLabelsBlob(leaves.map((l) => l.canonical));
  return {
    ok: true,
    batch,
    signature: signature.toLowerCase(),
    digest,
    signer,
    itemIds: leaves.map((l) => l.itemId),
    hashes: leaves.map((l) => bytesHex(l.hashBytes)),
    labelsGzipBase64: labels.toString('base64'),
    frameCounts: leaves.map((l) => l.frameCount),
  };
}

interface Leaf {
  itemId: string;
  canonical: string;
  hashBytes: Uint8Array;
  frameCount: number | null;
}

/**
 * Items in id order with their canonical label text (core's form: version 1
 * for image labels, version 2 when the item carries `video`) and its
 * keccak256: the leaves of the batch tree, as core's batchLeaves. Hashed
 * with the WASM keccak (identical output, asserted in fastKeccak.test.ts).
 * Labels the canonical form refuses (a frame past the video's end, a frame
 * on an item without video labels, segments that do not tile the video…)
 * are a located 400 `invalid_labels`: the item's index in the body, its id
 * and core's path inside it.
 */
function canonicalLeaves(items: BatchItem[]): Leaf[] | BatchRejection {
  const order = items.map((item, index) => ({ item, index })).sort((a, b) => compareText(a.item.itemId, b.item.itemId));
  const leaves: Leaf[] = [];
  for (let i = 0; i < order.length; i++) {
    const { item, index } = order[i]!;
    if (i > 0 && order[i - 1]!.item.itemId === item.itemId) return reject(400, 'invalid_labels', `item "${item.itemId}" appears twice in the batch`);
    // Shapes first, by their index in the body (core names them by their place in canonical order).
    const framed = shapeFrameProblem(item);
    if (framed) return reject(400, 'invalid_labels', `items[${index}] (item "${item.itemId}"): ${framed}`);
    let canonical: string;
    try {
      canonical = canonicalItemLabels(item.itemId, item.shapes, item.video);
    } catch (e) {
      return reject(400, 'invalid_labels', `items[${index}] (item "${item.itemId}"): ${where(e, item.video !== undefined)}`);
    }
    leaves.push({ itemId: item.itemId, canonical, hashBytes: fastKeccak(canonical), frameCount: item.video ? item.video.frameCount : null });
  }
  return leaves;
}

/** A single-frame box on an item without video labels, or past the video's end. */
function shapeFrameProblem(item: BatchItem): string | null {
  for (let i = 0; i < item.shapes.length; i++) {
    const frame = item.shapes[i]!.frame;
    if (frame === undefined) continue;
    if (!item.video) return `shapes[${i}].frame is ${frame}, but the item carries no video labels: a frame belongs only to a video item's labels`;
    if (frame >= item.video.frameCount) return `shapes[${i}].frame is ${frame}, but the video has ${item.video.frameCount} frames (0–${item.video.frameCount - 1})`;
  }
  return null;
}

/** core's message, with the part of the item it names (`video.` for tracks, frame tags and segments, which core names from inside the video labels). */
function where(e: unknown, hasVideo: boolean): string {
  const message = e instanceof Error ? e.message : String(e);
  return hasVideo && /^(tracks|frameTags|segments|frameTag|segment)\b/.test(message) ? `video.${message}` : message;
}
