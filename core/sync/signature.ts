import { fromHex } from './hex';

/** Order of the secp256k1 group; a signature's s must be at most half of it (EIP-2). */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const HALF_N = SECP256K1_N >> 1n;

export interface SplitSignature {
  /** r ‖ s, 64 bytes: what secp256k1 libraries take for recovery. */
  compact: Uint8Array;
  /** 0 or 1. */
  recovery: 0 | 1;
}

function toBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

/**
 * A 65-byte Ethereum signature (r ‖ s ‖ v, v in 27/28 or 0/1) split for a
 * fast recovery library. Refuses the high-s twin of a valid signature: some
 * libraries (tiny-secp256k1) would recover the same signer from it, so the
 * same batch could arrive under two different signature byte strings.
 */
export function splitSignature(signature: string): SplitSignature {
  const bytes = fromHex(signature, 65, 'signature');
  const v = bytes[64]!;
  const recovery = v === 27 || v === 0 ? 0 : v === 28 || v === 1 ? 1 : -1;
  if (recovery < 0) throw new Error(`signature has an invalid v byte: ${v} (expected 27 or 28)`);
  const r = toBigInt(bytes.subarray(0, 32));
  const s = toBigInt(bytes.subarray(32, 64));
  if (r === 0n || r >= SECP256K1_N || s === 0n || s >= SECP256K1_N) throw new Error('signature r or s is out of range');
  if (s > HALF_N) throw new Error('signature is not canonical (high s)');
  return { compact: bytes.slice(0, 64), recovery: recovery as 0 | 1 };
}
