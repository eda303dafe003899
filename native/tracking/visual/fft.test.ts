import { describe, expect, it } from 'vitest';
import { Fft2d } from './fft';

/** Direct O(n⁴) DFT, the definition the fast transform must agree with. */
function dft2d(re: Float32Array, n: number): [Float64Array, Float64Array] {
  const outRe = new Float64Array(n * n);
  const outIm = new Float64Array(n * n);
  for (let v = 0; v < n; v++)
    for (let u = 0; u < n; u++)
      for (let y = 0; y < n; y++)
        for (let x = 0; x < n; x++) {
          const angle = (-2 * Math.PI * (u * x + v * y)) / n;
          outRe[v * n + u]! += re[y * n + x]! * Math.cos(angle);
          outIm[v * n + u]! += re[y * n + x]! * Math.sin(angle);
        }
  return [outRe, outIm];
}

describe('Fft2d', () => {
  it('agrees with the direct DFT and inverts back to the input', () => {
    const n = 8;
    const input = Float32Array.from({ length: n * n }, (_, i) => Math.sin(i * 1.7) + ((i * 37) % 11) / 11);
    const re = input.slice();
    const im = new Float32Array(n * n);
    const fft = new Fft2d(n);
    fft.forward2d(re, im);
    const [expectRe, expectIm] = dft2d(input, n);
    for (let i = 0; i < n * n; i++) {
      expect(re[i]).toBeCloseTo(expectRe[i]!, 3);
      expect(im[i]).toBeCloseTo(expectIm[i]!, 3);
    }
    fft.inverse2d(re, im);
    for (let i = 0; i < n * n; i++) {
      expect(re[i]).toBeCloseTo(input[i]!, 4);
      expect(im[i]).toBeCloseTo(0, 4);
    }
  });

  it('refuses sizes that are not powers of two', () => {
    expect(() => new Fft2d(48)).toThrow(/power of two/);
  });
});
