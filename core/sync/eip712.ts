import { isAddress } from './address';
import { fromHex, keccak256, keccakHex, toHex, utf8ToBytes, type Hex } from './hex';

/**
 * EIP-712 hashing for the flat structs Groundwork signs (atomic field types
 * only: address, bool, bytes32, uintN, string). Written on @noble/hashes so
 * core stays small; the tests pin it to ethers' TypedDataEncoder.
 */

export interface TypedField {
  name: string;
  type: string;
}

export interface Eip712Domain {
  name: string;
  version: string;
  chainId: number | bigint;
  verifyingContract: string;
}

export type UintValue = bigint | number | string;

const DOMAIN_FIELDS: TypedField[] = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
];

/** Bound to one chain and one rewards contract: a signature made for another network or deployment does not verify. */
export function groundworkDomain({ chainId, verifyingContract }: { chainId: number | bigint; verifyingContract: string }): Eip712Domain {
  if (!isAddress(verifyingContract)) throw new Error(`verifyingContract is not an address: "${verifyingContract}"`);
  return { name: 'Groundwork', version: '1', chainId, verifyingContract };
}

/** The name the issue-5 agreements use for `groundworkDomain`. */
export const eip712Domain = groundworkDomain;

export function encodeType(primaryType: string, fields: readonly TypedField[]): string {
  return `${primaryType}(${fields.map((f) => `${f.type} ${f.name}`).join(',')})`;
}

function uintWord(value: UintValue, bits: number, where: string): Uint8Array {
  let n: bigint;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`${where} must be a safe integer, got ${value}`);
    n = BigInt(value);
  } else if (typeof value === 'string' && /^(0x[0-9a-fA-F]+|\d+)$/.test(value)) n = BigInt(value);
  else throw new Error(`${where} must be an unsigned integer (bigint, number or decimal string), got ${JSON.stringify(value)}`);
  if (n < 0n || n >= 1n << BigInt(bits)) throw new Error(`${where} is out of range for uint${bits}: ${n}`);
  return fromHex(`0x${n.toString(16).padStart(64, '0')}`, 32);
}

function encodeField(field: TypedField, value: unknown, where: string): Uint8Array {
  const { type } = field;
  if (type === 'string') {
    if (typeof value !== 'string') throw new Error(`${where} must be a string`);
    return keccak256(utf8ToBytes(value));
  }
  if (type === 'bytes32') {
    if (typeof value !== 'string') throw new Error(`${where} must be a 0x-prefixed 32-byte hex string`);
    return fromHex(value, 32, where);
  }
  if (type === 'address') {
    if (typeof value !== 'string' || !isAddress(value)) throw new Error(`${where} is not an address: ${JSON.stringify(value)}`);
    const word = new Uint8Array(32);
    word.set(fromHex(value, 20, where), 12);
    return word;
  }
  if (type === 'bool') {
    if (typeof value !== 'boolean') throw new Error(`${where} must be a boolean`);
    return uintWord(value ? 1 : 0, 8, where);
  }
  const uint = /^uint(\d+)$/.exec(type);
  if (uint) {
    const bits = Number(uint[1]);
    if (bits < 8 || bits > 256 || bits % 8 !== 0) throw new Error(`unsupported EIP-712 type ${type}`);
    return uintWord(value as UintValue, bits, where);
  }
  throw new Error(`unsupported EIP-712 type ${type} (only flat structs of atomic types)`);
}

/** hashStruct(s) = keccak256(typeHash ‖ encodeData(s)). */
export function hashStruct(primaryType: string, fields: readonly TypedField[], value: Record<string, unknown>): Hex {
  const words = new Uint8Array(32 * (fields.length + 1));
  words.set(fromHex(keccakHex(encodeType(primaryType, fields)), 32), 0);
  fields.forEach((field, i) => {
    if (!(field.name in value)) throw new Error(`${primaryType}.${field.name} is missing`);
    words.set(encodeField(field, value[field.name], `${primaryType}.${field.name}`), 32 * (i + 1));
  });
  return toHex(keccak256(words));
}

export function domainSeparator(domain: Eip712Domain): Hex {
  return hashStruct('EIP712Domain', DOMAIN_FIELDS, { ...domain });
}

/** The digest a wallet signs: keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message)). */
export function typedDataDigest(domain: Eip712Domain, primaryType: string, fields: readonly TypedField[], value: Record<string, unknown>): Hex {
  const bytes = new Uint8Array(66);
  bytes[0] = 0x19;
  bytes[1] = 0x01;
  bytes.set(fromHex(domainSeparator(domain), 32), 2);
  bytes.set(fromHex(hashStruct(primaryType, fields, value), 32), 34);
  return toHex(keccak256(bytes));
}
