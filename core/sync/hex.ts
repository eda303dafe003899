import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/** 0x-prefixed lowercase hex, the form every hash in sync and on chain is written in. */
export type Hex = `0x${string}`;

const HEX_BODY = /^[0-9a-fA-F]*$/;

export function toHex(bytes: Uint8Array): Hex {
  return `0x${bytesToHex(bytes)}`;
}

/**
 * Bytes of a 0x-prefixed hex string. `what` names the value in the error, so
 * a malformed root or signature says which one it was.
 */
export function fromHex(hex: string, expectedBytes?: number, what = 'hex value'): Uint8Array {
  if (typeof hex !== 'string' || !hex.startsWith('0x')) throw new Error(`${what} must be a 0x-prefixed hex string`);
  const body = hex.slice(2);
  if (body.length % 2 !== 0 || !HEX_BODY.test(body)) throw new Error(`${what} is not valid hex: "${hex}"`);
  if (expectedBytes !== undefined && body.length !== expectedBytes * 2) {
    throw new Error(`${what} must be ${expectedBytes} bytes, got ${body.length / 2}`);
  }
  return hexToBytes(body);
}

export function keccak256(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}

/** keccak256 of bytes, or of a string's UTF-8 encoding. */
export function keccakHex(data: Uint8Array | string): Hex {
  return toHex(keccak_256(typeof data === 'string' ? utf8ToBytes(data) : data));
}

export { utf8ToBytes };
