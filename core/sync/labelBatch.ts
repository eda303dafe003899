import { compareText, itemLabelHash, sortCanonicalShapes, type CanonicalShape } from './canonicalLabels';
import { normalizeVideoLabels, type CanonicalVideoLabels } from './canonicalVideo';
import { typedDataDigest, type Eip712Domain, type TypedField } from './eip712';
import { keccakHex, type Hex } from './hex';
import { batchMerkleRoot } from './merkle';

/** The struct an annotator signs for a work unit (EIP-712 primary type `LabelBatch`). */
export interface LabelBatch {
  /** The signer's address. */
  annotator: string;
  /** `taskIdToBytes32(taskId)`. */
  task: string;
  /** `batchMerkleRoot` over the items' label hashes, items ordered by item id. */
  root: string;
  itemCount: number;
  /** uint256 as a decimal string (JSON numbers cannot hold it). */
  nonce: string;
  /** Unix time in seconds after which the hub refuses the batch. */
  deadline: number;
}

export interface BatchItem {
  itemId: string;
  shapes: CanonicalShape[];
  /** A video item's tracks, frame tags and segments: its leaf is the version-2 canonical form. Absent for images. */
  video?: CanonicalVideoLabels;
}

/** Pass to ethers' `signTypedData(domain, LABEL_BATCH_TYPES, batch)` as is. */
export const LABEL_BATCH_TYPES: { LabelBatch: TypedField[] } = {
  LabelBatch: [
    { name: 'annotator', type: 'address' },
    { name: 'task', type: 'bytes32' },
    { name: 'root', type: 'bytes32' },
    { name: 'itemCount', type: 'uint32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
};

/** Hub task ids are strings; on the wire and in signatures they are keccak256 of the id's UTF-8. */
export function taskIdToBytes32(taskId: string): Hex {
  if (typeof taskId !== 'string' || taskId.length === 0) throw new Error('taskId must be a non-empty string');
  return keccakHex(taskId);
}

/** Same rule as task ids: keccak256 of the item id's UTF-8 (used by verdicts). */
export function itemIdToBytes32(itemId: string): Hex {
  if (typeof itemId !== 'string' || itemId.length === 0) throw new Error('itemId must be a non-empty string');
  return keccakHex(itemId);
}

/** The digest the annotator's key signs and the hub recovers the signer from. */
export function labelBatchDigest(domain: Eip712Domain, batch: LabelBatch): Hex {
  return typedDataDigest(domain, 'LabelBatch', LABEL_BATCH_TYPES.LabelBatch, { ...batch });
}

/** Items in canonical (item id) order with their label hashes: the leaves of the batch tree. */
export function batchLeaves(items: readonly BatchItem[]): { itemId: string; hash: Hex }[] {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.itemId)) throw new Error(`item "${item.itemId}" appears twice in the batch`);
    seen.add(item.itemId);
  }
  return [...items]
    .sort((a, b) => compareText(a.itemId, b.itemId))
    .map((item) => ({ itemId: item.itemId, hash: itemLabelHash(item.itemId, item.shapes, item.video) }));
}

export function batchRootOfItems(items: readonly BatchItem[]): Hex {
  return batchMerkleRoot(batchLeaves(items).map((l) => l.hash));
}

export interface BuildLabelBatchInput {
  annotator: string;
  taskId: string;
  items: readonly BatchItem[];
  nonce: bigint | number | string;
  deadline: number;
}

/**
 * The unsigned batch and its items in canonical form (items by id, shapes
 * normalized and sorted): what the outbox stores and the sync service signs.
 */
export function buildLabelBatch(input: BuildLabelBatchInput): { batch: LabelBatch; items: BatchItem[] } {
  if (input.items.length === 0) throw new Error('a batch needs at least one item');
  const items = [...input.items]
    .sort((a, b) => compareText(a.itemId, b.itemId))
    .map((item): BatchItem => (item.video ? { itemId: item.itemId, shapes: sortCanonicalShapes(item.shapes), video: normalizeVideoLabels(item.video) } : { itemId: item.itemId, shapes: sortCanonicalShapes(item.shapes) }));
  const batch: LabelBatch = {
    annotator: input.annotator,
    task: taskIdToBytes32(input.taskId),
    root: batchRootOfItems(items),
    itemCount: items.length,
    nonce: BigInt(input.nonce).toString(),
    deadline: input.deadline,
  };
  return { batch, items };
}

export type BatchContentProblem =
  | { code: 'item_count_mismatch'; message: string }
  | { code: 'root_mismatch'; message: string; expected: Hex };

/**
 * Recomputes the root from the uploaded labels: a batch whose labels were
 * changed after signing (or whose item count lies) is refused here, before
 * any signature work. Returns null when the contents match.
 */
export function checkBatchContents(batch: LabelBatch, items: readonly BatchItem[]): BatchContentProblem | null {
  if (batch.itemCount !== items.length) {
    return { code: 'item_count_mismatch', message: `batch says ${batch.itemCount} items but carries ${items.length}` };
  }
  const expected = batchRootOfItems(items);
  if (expected.toLowerCase() !== batch.root.toLowerCase()) {
    return { code: 'root_mismatch', message: `the labels hash to root ${expected}, the signed batch says ${batch.root}`, expected };
  }
  return null;
}
