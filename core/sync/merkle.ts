import { fromHex, keccak256, toHex, type Hex } from './hex';

/**
 * Merkle trees over 32-byte leaves with sorted-pair keccak256, laid out as
 * OpenZeppelin's merkle-tree library does (a complete binary tree in one
 * array, leaves at the end in reverse order). Roots and proofs equal
 * `SimpleMerkleTree.of(leaves, { sortLeaves: false })` and verify with
 * Solidity's `MerkleProof.verify`. The leaves are used as given (no extra
 * hashing): for a label batch they are the items' label hashes, ordered by
 * item id (see `labelBatch.ts`).
 */

function hashPair(a: Uint8Array, b: Uint8Array): Uint8Array {
  const [first, second] = compareBytes(a, b) <= 0 ? [a, b] : [b, a];
  const joined = new Uint8Array(64);
  joined.set(first, 0);
  joined.set(second, 32);
  return keccak256(joined);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function leafBytes(hashes: readonly string[]): Uint8Array[] {
  if (hashes.length === 0) throw new Error('a merkle tree needs at least one leaf');
  return hashes.map((h, i) => fromHex(h, 32, `leaf ${i}`));
}

function buildTree(leaves: Uint8Array[]): Uint8Array[] {
  const tree = new Array<Uint8Array>(2 * leaves.length - 1);
  leaves.forEach((leaf, i) => {
    tree[tree.length - 1 - i] = leaf;
  });
  for (let i = tree.length - 1 - leaves.length; i >= 0; i--) tree[i] = hashPair(tree[2 * i + 1]!, tree[2 * i + 2]!);
  return tree;
}

export function batchMerkleRoot(hashes: readonly string[]): Hex {
  return toHex(buildTree(leafBytes(hashes))[0]!);
}

/** Sibling hashes from the leaf at `index` up to the root; one leaf has an empty proof (root = leaf). */
export function merkleProof(hashes: readonly string[], index: number): Hex[] {
  if (!Number.isInteger(index) || index < 0 || index >= hashes.length) {
    throw new Error(`leaf index ${index} is out of range (0..${hashes.length - 1})`);
  }
  const tree = buildTree(leafBytes(hashes));
  const proof: Hex[] = [];
  for (let node = tree.length - 1 - index; node > 0; node = Math.floor((node - 1) / 2)) {
    proof.push(toHex(tree[node % 2 === 1 ? node + 1 : node - 1]!));
  }
  return proof;
}

/** The check Solidity's MerkleProof.verify makes. Malformed hex is an error, a wrong proof is `false`. */
export function verifyMerkleProof(leaf: string, proof: readonly string[], root: string): boolean {
  let node = fromHex(leaf, 32, 'leaf');
  proof.forEach((sibling, i) => {
    node = hashPair(node, fromHex(sibling, 32, `proof[${i}]`));
  });
  return compareBytes(node, fromHex(root, 32, 'root')) === 0;
}
