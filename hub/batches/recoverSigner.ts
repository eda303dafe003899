import { recover } from 'tiny-secp256k1';
import { addressFromPublicKey } from '../../core/sync/address';
import { fromHex } from '../../core/sync/hex';
import { splitSignature } from '../../core/sync/signature';

/**
 * The address that signed a 32-byte digest. WASM libsecp256k1 recovers
 * 3–5× faster than ethers (research: ~1,500–2,400/s vs ~250–500/s per
 * thread). It would accept the high-s twin of a signature, so core's
 * `splitSignature` refuses high s first (EIP-2), as ethers does.
 * Throws on a malformed or non-canonical signature.
 */
export function recoverSigner(digest: string, signature: string): string {
  const { compact, recovery } = splitSignature(signature);
  const publicKey = recover(fromHex(digest, 32, 'digest'), compact, recovery, false);
  if (!publicKey) throw new Error('signature does not recover to any public key');
  return addressFromPublicKey(publicKey);
}
