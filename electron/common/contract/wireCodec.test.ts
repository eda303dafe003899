import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64';
import { decodeWire, encodeWire } from './wireCodec';

describe('wire codec', () => {
  it('carries byte arrays of every length through JSON', () => {
    for (let n = 0; n < 10; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 255);
      const decoded = decodeWire(encodeWire({ image: { bytes }, n })) as { image: { bytes: Uint8Array }; n: number };
      expect(decoded.image.bytes).toBeInstanceOf(Uint8Array);
      expect([...decoded.image.bytes]).toEqual([...bytes]);
      expect(decoded.n).toBe(n);
    }
  });

  it('agrees with the RFC 4648 test vectors', () => {
    const vectors: Array<[string, string]> = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
    for (const [text, base64] of vectors) {
      const bytes = new TextEncoder().encode(text);
      expect(bytesToBase64(bytes)).toBe(base64);
      expect(new TextDecoder().decode(base64ToBytes(base64))).toBe(text);
    }
  });

  it('leaves look-alike objects alone and rejects corrupt base64', () => {
    const data = { a: { $bytes: 'AA==', other: 1 }, b: { $bytes: 5 } };
    expect(decodeWire(encodeWire(data))).toEqual(data);
    expect(() => base64ToBytes('abc')).toThrow(/multiple of 4/);
    expect(() => base64ToBytes('ab!d')).toThrow(/unexpected character at 2/);
  });
});
