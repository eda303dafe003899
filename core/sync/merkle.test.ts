import { SimpleMerkleTree } from '@openzeppelin/merkle-tree';
import { describe, expect, it } from 'vitest';
import { fromHex, keccak256, keccakHex, toHex } from './hex';
import { batchMerkleRoot, buildBatchTree, merkleProof, verifyMerkleProof } from './merkle';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => keccakHex(`leaf ${i}`));

describe('batch merkle tree', () => {
  it('equals OpenZeppelin SimpleMerkleTree (leaves unsorted) in root and every proof, for 1 to 33 leaves', () => {
    for (let n = 1; n <= 33; n++) {
      const hashes = leaves(n);
      const oz = SimpleMerkleTree.of(hashes, { sortLeaves: false });
      const root = batchMerkleRoot(hashes);
      expect(root).toBe(oz.root);
      for (let i = 0; i < n; i++) {
        const proof = merkleProof(hashes, i);
        expect(proof).toEqual(oz.getProof(i));
        expect(SimpleMerkleTree.verify(root, hashes[i]!, proof)).toBe(true);
        expect(verifyMerkleProof(hashes[i]!, proof, root)).toBe(true);
      }
    }
  });

  it('has root = leaf and an empty proof for one leaf', () => {
    const [only] = leaves(1);
    expect(batchMerkleRoot([only!])).toBe(only);
    expect(merkleProof([only!], 0)).toEqual([]);
  });

  it('rejects a proof for another leaf, a tampered sibling and another root', () => {
    const hashes = leaves(7);
    const root = batchMerkleRoot(hashes);
    const proof = merkleProof(hashes, 3);
    expect(verifyMerkleProof(hashes[4]!, proof, root)).toBe(false);
    const tampered = [...proof];
    tampered[1] = keccakHex('x');
    expect(verifyMerkleProof(hashes[3]!, tampered, root)).toBe(false);
    expect(verifyMerkleProof(hashes[3]!, proof, batchMerkleRoot(hashes.slice(1)))).toBe(false);
  });

  it('depends on leaf order beyond sibling swaps (items are ordered by id before hashing)', () => {
    const hashes = leaves(3);
    // Leaves 0 and 1 are siblings, and a sorted pair hash does not see their order; leaf 2 sits higher up.
    expect(batchMerkleRoot([hashes[1]!, hashes[0]!, hashes[2]!])).toBe(batchMerkleRoot(hashes));
    expect(batchMerkleRoot([hashes[2]!, hashes[1]!, hashes[0]!])).not.toBe(batchMerkleRoot(hashes));
  });

  it('refuses no leaves, malformed leaves and out-of-range indexes', () => {
    expect(() => batchMerkleRoot([])).toThrow('at least one leaf');
    expect(() => batchMerkleRoot([keccakHex('a'), '0x1234'])).toThrow('leaf 1 must be 32 bytes');
    expect(() => merkleProof(leaves(2), 2)).toThrow('out of range');
  });

  it('builds a tree once and serves every proof, with an injected keccak giving the same root', () => {
    const hashes = leaves(19);
    let calls = 0;
    const counting = (data: Uint8Array) => {
      calls++;
      return keccak256(data);
    };
    const tree = buildBatchTree(hashes.map((h) => fromHex(h, 32)), counting);
    expect(calls).toBe(18);
    expect(toHex(tree.root)).toBe(batchMerkleRoot(hashes));
    for (let i = 0; i < hashes.length; i++) expect(tree.proof(i).map(toHex)).toEqual(merkleProof(hashes, i));
    expect(verifyMerkleProof(hashes[5]!, tree.proof(5).map(toHex), toHex(tree.root), counting)).toBe(true);
    expect(() => tree.proof(19)).toThrow('out of range');
  });
});
