import { keccak256, toHex, utf8ToBytes } from './hex';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** EIP-55 mixed-case form; lets the hub compare a recovered signer with the address a batch names. */
export function checksumAddress(address: string): string {
  if (!ADDRESS.test(address)) throw new Error(`not an address: "${address}" (expected 0x and 40 hex digits)`);
  const lower = address.slice(2).toLowerCase();
  const hash = toHex(keccak256(utf8ToBytes(lower))).slice(2);
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const c = lower[i]!;
    out += parseInt(hash[i]!, 16) >= 8 ? c.toUpperCase() : c;
  }
  return out;
}

/**
 * True for 0x + 40 hex digits that are all lower case, all upper case, or
 * carry a correct EIP-55 checksum (a mistyped mixed-case address is refused,
 * as wallets do).
 */
export function isAddress(value: string): boolean {
  if (!ADDRESS.test(value)) return false;
  const body = value.slice(2);
  if (body === body.toLowerCase() || body === body.toUpperCase()) return true;
  return checksumAddress(value) === value;
}

export function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The address of an uncompressed secp256k1 public key (65 bytes, 0x04 prefix): the last 20 bytes of keccak256(x‖y). */
export function addressFromPublicKey(publicKey: Uint8Array): string {
  if (publicKey.length !== 65 || publicKey[0] !== 4) throw new Error('public key must be 65 bytes, uncompressed (0x04 prefix)');
  return checksumAddress(toHex(keccak256(publicKey.subarray(1)).subarray(12)));
}
