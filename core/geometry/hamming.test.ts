import { describe, expect, it } from 'vitest';
import { hammingDistance } from './hamming';

describe('hammingDistance', () => {
  it('is 0 for equal hashes, case-insensitively', () => {
    expect(hammingDistance('0123456789abcdef', '0123456789ABCDEF')).toBe(0);
  });

  it('counts differing bits', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('0000000000000000', '0000000000000001')).toBe(1);
    expect(hammingDistance('8000000000000000', '0000000000000000')).toBe(1);
    expect(hammingDistance('f0f0f0f0f0f0f0f0', '0f0f0f0f0f0f0f0f')).toBe(64);
    expect(hammingDistance('0000000000000003', '0000000000000005')).toBe(2);
  });

  it('agrees with a BigInt popcount on random hashes and is symmetric', () => {
    const hex = () => Array.from({ length: 16 }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');
    for (let n = 0; n < 200; n++) {
      const [a, b] = [hex(), hex()];
      let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
      let expected = 0;
      for (; x > 0n; x >>= 1n) expected += Number(x & 1n);
      expect(hammingDistance(a, b)).toBe(expected);
      expect(hammingDistance(b, a)).toBe(expected);
    }
  });

  it('refuses anything that is not a 16-hex-character hash', () => {
    expect(() => hammingDistance('abc', '0000000000000000')).toThrow(/"abc"/);
    expect(() => hammingDistance('0000000000000000', '000000000000000g')).toThrow(/000000000000000g/);
  });
});
