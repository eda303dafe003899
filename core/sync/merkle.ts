import { fromHex, keccak256, toHex, type Hex } from './hex';

/**
 * THE batch merkle tree (one definition for the workstation, the hub's
 * ingest, lineage proofs and `verify-dataset`): 32-byte leaves, sorted-pair
 * keccak256, laid out as OpenZeppelin's merkle-tree library does (a complete
 * binary tree in one array, leaves at the end in reverse order). Roots and
 * proofs equal `SimpleMerkleTree.of(leaves, { sortLeaves: false })` and
 * verify with Solidity's `MerkleProof.verify`. The leaves are used as given
 * (no extra hashing): for a label batch they are the items' label hashes,
 * ordered by item id (see `labelBatch.ts`).
 *
 * The keccak256 is injectable only for speed: the hub's ingest passes a WASM
 * keccak (hub/batches/fastKeccak.ts); every hasher must be keccak256.
 */
export type Keccak256 = (data: Uint8Array) => Uint8Array;

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Sorted-pair hash into a reused 64-byte buffer (the hasher must not keep it). */
function pairHasher(hash: Keccak256): (a: Uint8Array, b: Uint8Array) => Uint8Array {
  const joined = new Uint8Array(64);
  return (a, b) => {
    const [first, second] = compareBytes(a, b) <= 0 ? [a, b] : [b, a];
    joined.set(first, 0);
    joined.set(second, 32);
    return hash(joined);
  };
}

/** A built tree: its root and the proof of any leaf, without rebuilding per proof. */
export interface BatchTree {
  readonly root: Uint8Array;
  readonly leafCount: number;
  /** Sibling hashes from the leaf at `index` up to the root; one leaf has an empty proof (root = leaf). */
  proof(index: number): Uint8Array[];
}

export function buildBatchTree(leaves: readonly Uint8Array[], hash: Keccak256 = keccak256): BatchTree {
  if (leaves.length === 0) throw new Error('a merkle tree needs at least one leaf');
  const pair = pairHasher(hash);
  const tree = new Array<Uint8Array>(2 * leaves.length - 1);
  for (let i = 0; i < leaves.length; i++) tree[tree.length - 1 - i] = leaves[i]!;
  for (let i = tree.length - 1 - leaves.length; i >= 0; i--) tree[i] = pair(tree[2 * i + 1]!, tree[2 * i + 2]!);
  return {
    root: tree[0]!,
    leafCount: leaves.length,
    proof(index) {
      if (!Number.isInteger(index) || index < 0 || index >= leaves.length) {
        throw new Error(`leaf index ${index} is out of range (0..${leaves.length - 1})`);
      }
      const out: Uint8Array[] = [];
      for (let node = tree.length - 1 - index; node > 0; node = Math.floor((node - 1) / 2)) out.push(tree[node % 2 === 1 ? node + 1 : node - 1]!);
      return out;
    },
  };
}

function leafBytes(hashes: readonly string[]): Uint8Array[] {
  if (hashes.length === 0) throw new Error('a merkle tree needs at least one leaf');
  return hashes.map((h, i) => fromHex(h, 32, `leaf ${i}`));
}

export function batchMerkleRoot(hashes: readonly string[]): Hex {
  return toHex(buildBatchTree(leafBytes(hashes)).root);
}

/** One leaf's proof. For many leaves of one batch, build the tree once with `buildBatchTree`. */
export function merkleProof(hashes: readonly string[], index: number): Hex[] {
  if (!Number.isInteger(index) || index < 0 || index >= hashes.length) {
    throw new Error(`leaf index ${index} is out of range (0..${hashes.length - 1})`);
  }
  return buildBatchTree(leafBytes(hashes)).proof(index).map(toHex);
}

/** The check Solidity's MerkleProof.verify makes. Malformed hex is an error, a wrong proof is `false`. */
export function verifyMerkleProof(leaf: string, proof: readonly string[], root: string, hash: Keccak256 = keccak256): boolean {
  const pair = pairHasher(hash);
  let node = fromHex(leaf, 32, 'leaf');
  proof.forEach((sibling, i) => {
    node = pair(node, fromHex(sibling, 32, `proof[${i}]`));
  });
  return compareBytes(node, fromHex(root, 32, 'root')) === 0;
}
