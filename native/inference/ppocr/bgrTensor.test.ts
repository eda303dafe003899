import { describe, expect, it } from 'vitest';
import { recNormalization, writeBgrPlanes } from './bgrTensor';

describe('writeBgrPlanes', () => {
  it('places an image inside a wider batch tensor, leaving the padding alone', () => {
    // 2×1 image: pixel 0 = (R 255, G 0, B 51), pixel 1 = (0, 255, 102)
    const rgb = Uint8Array.from([255, 0, 51, 0, 255, 102]);
    const tensor = new Float32Array(2 * 3 * 4).fill(9);
    writeBgrPlanes(rgb, 2, 1, recNormalization, { tensor, offset: 12, planeWidth: 4 });
    expect(Array.from(tensor.subarray(0, 12))).toEqual(new Array(12).fill(9));
    const v = (x: number): number => x / 127.5 - 1;
    expect(Array.from(tensor.subarray(12))).toEqual(
      [v(51), v(102), 9, 9, v(0), v(255), 9, 9, v(255), v(0), 9, 9].map((x) => Math.fround(x)),
    );
  });

  it('refuses a buffer that does not match the size', () => {
    expect(() => writeBgrPlanes(new Uint8Array(5), 2, 1, recNormalization)).toThrow(/5 bytes, expected 2×1×3/);
  });
});
