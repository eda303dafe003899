import { describe, expect, it } from 'vitest';
import { detInputSize, preprocessForDet } from './detPreprocess';

describe('detInputSize', () => {
  it('shrinks 1280×720 to 960×544: longer side at the limit, both sides multiples of 32', () => {
    expect(detInputSize(1280, 720, 960)).toEqual({ width: 960, height: 544 });
  });

  it('never enlarges a small image, only rounds it to multiples of 32 (at least 32)', () => {
    expect(detInputSize(300, 100, 960)).toEqual({ width: 288, height: 96 });
    expect(detInputSize(10, 10, 960)).toEqual({ width: 32, height: 32 });
  });

  it('rounds down a side that rounding to nearest would push past the limit', () => {
    expect(detInputSize(1010, 500, 1010)).toEqual({ width: 992, height: 512 });
  });
});

describe('preprocessForDet', () => {
  it('writes BGR planes normalised with the ImageNet statistics in BGR order', async () => {
    const width = 64;
    const height = 32;
    const data = Buffer.alloc(width * height * 3);
    for (let i = 0; i < width * height; i++) data.set([255, 128, 0], i * 3); // orange: R 255, G 128, B 0
    const out = await preprocessForDet({ data, width, height }, 960);
    expect([out.width, out.height]).toEqual([64, 32]);
    const plane = 64 * 32;
    expect(out.tensor).toHaveLength(3 * plane);
    expect(out.tensor[0]).toBeCloseTo((0 - 0.485) / 0.229, 4); // B
    expect(out.tensor[plane]).toBeCloseTo((128 / 255 - 0.456) / 0.224, 4); // G
    expect(out.tensor[2 * plane + plane - 1]).toBeCloseTo((1 - 0.406) / 0.225, 4); // R
  });
});
