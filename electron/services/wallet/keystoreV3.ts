import { createCipheriv, createDecipheriv, pbkdf2, randomBytes, randomUUID, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { z } from 'zod';

/**
 * Web3 Secret Storage (keystore v3), the format geth, MetaMask and ethers
 * write. Key derivation runs on Node's crypto.scrypt / crypto.pbkdf2, which
 * work on the libuv thread pool: ethers' own "async" scrypt only yields to
 * microtasks and starves timers and I/O for the 1–2 s it takes.
 */

/** geth's and ethers' standard cost: N = 2^17, r = 8, p = 1 (128 MiB, ~1 s). */
export const STANDARD_SCRYPT = { n: 1 << 17, r: 8, p: 1 } as const;
/** Refuse keystores that would make us allocate more than this (a hostile file could ask for gigabytes). */
const MAX_KDF_MEMORY = 1024 * 1024 * 1024;
const MAX_PBKDF2_ITERATIONS = 10_000_000;

export class KeystoreError extends Error {
  override name = 'KeystoreError';
  constructor(
    readonly code: 'bad-keystore' | 'wrong-password',
    message: string,
  ) {
    super(message);
  }
}

const Hex = z.string().regex(/^(0x)?[0-9a-fA-F]*$/, 'expected hex');
const KeystoreSchema = z.object({
  version: z.literal(3),
  address: z.string().optional(),
  id: z.string().optional(),
  crypto: z.object({
    cipher: z.literal('aes-128-ctr'),
    cipherparams: z.object({ iv: Hex }),
    ciphertext: Hex,
    kdf: z.enum(['scrypt', 'pbkdf2']),
    kdfparams: z.looseObject({ salt: Hex, dklen: z.number().int() }),
    mac: Hex,
  }),
});
type Keystore = z.infer<typeof KeystoreSchema>;

const unhex = (h: string) => Buffer.from(h.replace(/^0x/, ''), 'hex');

function scryptAsync(password: Buffer, salt: Buffer, dklen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, dklen, options, (error, key) => (error ? reject(error) : resolve(key))));
}

function pbkdf2Async(password: Buffer, salt: Buffer, iterations: number, dklen: number, digest: string): Promise<Buffer> {
  return new Promise((resolve, reject) => pbkdf2(password, salt, iterations, dklen, digest, (error, key) => (error ? reject(error) : resolve(key))));
}

function scryptParams(params: Record<string, unknown>) {
  const n = Number(params.n);
  const r = Number(params.r);
  const p = Number(params.p);
  if (![n, r, p].every((v) => Number.isSafeInteger(v) && v > 0) || (n & (n - 1)) !== 0) throw new KeystoreError('bad-keystore', 'the keystore has invalid scrypt parameters (n must be a power of two; n, r, p positive)');
  const memory = 128 * n * r * p;
  if (memory > MAX_KDF_MEMORY) throw new KeystoreError('bad-keystore', `the keystore's scrypt parameters need ${Math.round(memory / 2 ** 20)} MiB, more than this app allows`);
  return { n, r, p, memory };
}

/** The derived key of a parsed keystore; scrypt or pbkdf2 (hmac-sha256) as the file says. */
async function deriveKey(store: Keystore, password: string): Promise<Buffer> {
  const { kdf, kdfparams } = store.crypto;
  const salt = unhex(kdfparams.salt);
  const secret = Buffer.from(password.normalize('NFKC'), 'utf8');
  if (kdfparams.dklen < 32) throw new KeystoreError('bad-keystore', 'the keystore\'s dklen is below 32 bytes');
  if (kdf === 'scrypt') {
    const { n, r, p, memory } = scryptParams(kdfparams);
    return scryptAsync(secret, salt, kdfparams.dklen, { N: n, r, p, maxmem: memory * 2 });
  }
  if (kdfparams.prf !== 'hmac-sha256') throw new KeystoreError('bad-keystore', `unsupported pbkdf2 prf "${String(kdfparams.prf)}" (only hmac-sha256)`);
  const c = Number(kdfparams.c);
  if (!Number.isSafeInteger(c) || c <= 0 || c > MAX_PBKDF2_ITERATIONS) throw new KeystoreError('bad-keystore', 'the keystore has an invalid pbkdf2 iteration count');
  return pbkdf2Async(secret, salt, c, kdfparams.dklen, 'sha256');
}

const macOf = (derived: Buffer, ciphertext: Buffer) => Buffer.from(keccak_256(Buffer.concat([derived.subarray(16, 32), ciphertext])));

/** Parses and checks the structure; the cost of opening it is known from here on (see `kdfCost`). */
export function parseKeystore(json: string): Keystore {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new KeystoreError('bad-keystore', 'the keystore is not JSON');
  }
  // geth writes "crypto", some older tools "Crypto".
  if (raw && typeof raw === 'object' && !('crypto' in raw) && 'Crypto' in raw) raw = { ...raw, crypto: (raw as { Crypto: unknown }).Crypto };
  const parsed = KeystoreSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new KeystoreError('bad-keystore', `not a keystore v3 file: ${issue.path.join('.') || 'top level'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Relative cost of opening a keystore (scrypt memory×time), so progress can be estimated. */
export function kdfCost(store: Keystore): number {
  const { kdf, kdfparams } = store.crypto;
  return kdf === 'scrypt' ? Number(kdfparams.n) * Number(kdfparams.r) * Number(kdfparams.p) : Number(kdfparams.c) / 8;
}

/** The 32-byte private key of a keystore; a wrong password is a KeystoreError 'wrong-password' (the MAC does not match). */
export async function decryptKeystore(json: string, password: string): Promise<Uint8Array> {
  const store = parseKeystore(json);
  const derived = await deriveKey(store, password);
  const ciphertext = unhex(store.crypto.ciphertext);
  const mac = unhex(store.crypto.mac);
  const expected = macOf(derived, ciphertext);
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) throw new KeystoreError('wrong-password', 'incorrect password for this keystore');
  const decipher = createDecipheriv('aes-128-ctr', derived.subarray(0, 16), unhex(store.crypto.cipherparams.iv));
  const key = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  if (key.length !== 32) throw new KeystoreError('bad-keystore', `the keystore holds a ${key.length}-byte key, expected 32`);
  return new Uint8Array(key);
}

/** A keystore v3 JSON for a key (address lower case without 0x, as geth writes it). */
export async function encryptKeystore(privateKey: Uint8Array, address: string, password: string, cost: { n: number; r: number; p: number } = STANDARD_SCRYPT): Promise<string> {
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const derived = await scryptAsync(Buffer.from(password.normalize('NFKC'), 'utf8'), salt, 32, { N: cost.n, r: cost.r, p: cost.p, maxmem: 256 * cost.n * cost.r * cost.p });
  const cipher = createCipheriv('aes-128-ctr', derived.subarray(0, 16), iv);
  const ciphertext = Buffer.concat([cipher.update(privateKey), cipher.final()]);
  return JSON.stringify({
    address: address.toLowerCase().replace(/^0x/, ''),
    id: randomUUID(),
    version: 3,
    crypto: {
      cipher: 'aes-128-ctr',
      cipherparams: { iv: iv.toString('hex') },
      ciphertext: ciphertext.toString('hex'),
      kdf: 'scrypt',
      kdfparams: { salt: salt.toString('hex'), n: cost.n, dklen: 32, p: cost.p, r: cost.r },
      mac: macOf(derived, ciphertext).toString('hex'),
    },
  });
}
