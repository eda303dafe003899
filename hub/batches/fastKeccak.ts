import { createKeccak, type IHasher } from 'hash-wasm';
import { keccak256 } from '../../core/sync/hex';

/**
 * keccak256 for the ingest hot path: hash-wasm's WASM keccak is about 10×
 * faster here than core's @noble/hashes (≈1.5 µs against ≈17 µs per item
 * label text, ≈1.5 against ≈7 µs per 64-byte merkle pair). Same function,
 * same bytes: `fastKeccak.test.ts` asserts equality with core. Until the
 * WASM module has loaded (`fastKeccakReady`), it falls back to core's
 * hasher, so a caller that forgets to wait is slower, never wrong.
 */
let hasher: IHasher | null = null;
let loading: Promise<void> | null = null;

export function fastKeccakReady(): Promise<void> {
  loading ??= createKeccak(256).then((h) => {
    hasher = h;
  });
  return loading;
}

const encoder = new TextEncoder();

export function fastKeccak(data: Uint8Array | string): Uint8Array {
  if (!hasher) return keccak256(typeof data === 'string' ? encoder.encode(data) : data);
  hasher.init();
  hasher.update(data);
  return hasher.digest('binary');
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function bytesHex(bytes: Uint8Array): `0x${string}` {
  let out = '0x';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out as `0x${string}`;
}

function compare32(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * The batch root over leaf hashes as bytes, with the tree shape of core's
 * `batchMerkleRoot` (OpenZeppelin layout: leaves reversed at the end of one
 * array, sorted-pair keccak) but one reused 64-byte buffer and no hex round
 * trips. Equality with core is tested over random trees.
 */
export function fastMerkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) throw new Error('a merkle tree needs at least one leaf');
  const tree = new Array<Uint8Array>(2 * leaves.length - 1);
  for (let i = 0; i < leaves.length; i++) tree[tree.length - 1 - i] = leaves[i]!;
  const pair = new Uint8Array(64);
  for (let i = tree.length - 1 - leaves.length; i >= 0; i--) {
    const a = tree[2 * i + 1]!;
    const b = tree[2 * i + 2]!;
    const [first, second] = compare32(a, b) <= 0 ? [a, b] : [b, a];
    pair.set(first, 0);
    pair.set(second, 32);
    tree[i] = fastKeccak(pair);
  }
  return tree[0]!;
}
