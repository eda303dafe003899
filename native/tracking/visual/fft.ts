/**
 * In-place radix-2 complex FFT on split real/imaginary Float32Arrays, and
 * its 2-D form over a square n×n grid (row-major). Our own ~60 lines instead
 * of a package: the correlation-filter tracker needs exactly this (small
 * power-of-two patches, many transforms per frame), nothing more.
 * Twiddles and the bit-reversal table are computed once per size.
 */
export class Fft2d {
  readonly n: number;
  private readonly cos: Float32Array;
  private readonly sin: Float32Array;
  private readonly reversed: Uint32Array;
  private readonly colRe: Float32Array;
  private readonly colIm: Float32Array;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 2 || (n & (n - 1)) !== 0) throw new Error(`FFT size must be a power of two ≥ 2, got ${n}`);
    this.n = n;
    this.cos = new Float32Array(n / 2);
    this.sin = new Float32Array(n / 2);
    for (let i = 0; i < n / 2; i++) {
      this.cos[i] = Math.cos((2 * Math.PI * i) / n);
      this.sin[i] = -Math.sin((2 * Math.PI * i) / n);
    }
    const bits = Math.log2(n);
    this.reversed = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.reversed[i] = r;
    }
    this.colRe = new Float32Array(n);
    this.colIm = new Float32Array(n);
  }

  /** 1-D transform of n points in place; the inverse is unscaled here (`inverse2d` scales). */
  private transform(re: Float32Array, im: Float32Array, inverse: boolean): void {
    const { n, reversed, cos, sin } = this;
    for (let i = 0; i < n; i++) {
      const j = reversed[i]!;
      if (j > i) {
        const tr = re[i]!; re[i] = re[j]!; re[j] = tr;
        const ti = im[i]!; im[i] = im[j]!; im[j] = ti;
      }
    }
    const sign = inverse ? -1 : 1;
    for (let size = 2; size <= n; size <<= 1) {
      const half = size >> 1;
      const step = n / size;
      for (let start = 0; start < n; start += size) {
        for (let k = 0; k < half; k++) {
          const wr = cos[k * step]!;
          const wi = sign * sin[k * step]!;
          const a = start + k;
          const b = a + half;
          const xr = re[b]! * wr - im[b]! * wi;
          const xi = re[b]! * wi + im[b]! * wr;
          re[b] = re[a]! - xr; im[b] = im[a]! - xi;
          re[a] = re[a]! + xr; im[a] = im[a]! + xi;
        }
      }
    }
  }

  forward2d(re: Float32Array, im: Float32Array): void {
    this.run2d(re, im, false);
  }

  /** Inverse 2-D transform, scaled by 1/n² so that inverse(forward(x)) = x. */
  inverse2d(re: Float32Array, im: Float32Array): void {
    this.run2d(re, im, true);
    const scale = 1 / (this.n * this.n);
    for (let i = 0; i < re.length; i++) {
      re[i] = re[i]! * scale;
      im[i] = im[i]! * scale;
    }
  }

  private run2d(re: Float32Array, im: Float32Array, inverse: boolean): void {
    const { n, colRe, colIm } = this;
    if (re.length !== n * n || im.length !== n * n) throw new Error(`expected ${n}×${n} arrays, got ${re.length} and ${im.length}`);
    for (let row = 0; row < n; row++) this.transform(re.subarray(row * n, row * n + n), im.subarray(row * n, row * n + n), inverse);
    for (let col = 0; col < n; col++) {
      for (let i = 0; i < n; i++) {
        colRe[i] = re[i * n + col]!;
        colIm[i] = im[i * n + col]!;
      }
      this.transform(colRe, colIm, inverse);
      for (let i = 0; i < n; i++) {
        re[i * n + col] = colRe[i]!;
        im[i * n + col] = colIm[i]!;
      }
    }
  }
}
