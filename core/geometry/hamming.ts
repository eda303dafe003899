const PHASH = /^[0-9a-fA-F]{16}$/;

/** Set bits in each 4-bit value, so two hex digits compare without BigInt. */
const NIBBLE_BITS = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/**
 * Bits that differ between two 64-bit perceptual hashes written as 16 hex
 * characters (0 = same picture, 64 = opposite). Near-duplicate detection
 * compares this against a small threshold.
 */
export function hammingDistance(a: string, b: string): number {
  if (!PHASH.test(a)) throw new Error(`not a 16-hex-character hash: "${a}"`);
  if (!PHASH.test(b)) throw new Error(`not a 16-hex-character hash: "${b}"`);
  let bits = 0;
  for (let i = 0; i < 16; i++) bits += NIBBLE_BITS[parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16)]!;
  return bits;
}
