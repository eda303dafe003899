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
