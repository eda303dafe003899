import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containTransform, letterbox, letterboxTensor } from './letterbox';
import { openImage } from './readImage';
import { toNchw } from './toNchw';

/**
 * Bit-for-bit equality of two tensors. A deep toEqual over a million floats
 * takes tens of seconds on a loaded machine; this compares the bytes and
 * reports the first differing element.
 */
function expectSameFloats(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  const a = Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength);
  const b = Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength);
  if (a.equals(b)) return;
  const i = actual.findIndex((v, k) => !Object.is(v, expected[k]));
  expect({ index: i, value: actual[i] }).toEqual({ index: i, value: expected[i] });
}

describe('letterbox', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gw-letterbox-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    [800, 400, 640, 640],
    [333, 777, 640, 640],
    [1001, 999, 640, 640],
    [37, 1000, 640, 640],
    [1280, 720, 640, 384],
  ])('%i×%i into %i×%i: the transform is where sharp put the image, padding is 114 grey', async (w, h, W, H) => {
    const file = path.join(dir, `${w}x${h}.png`);
    await sharp({ create: { width: w, height: h, channels: 3, background: '#fff' } }).png().toFile(file);
    const boxed = await letterbox(openImage(file), W, H);
    const t = boxed.transform;
    expect(t).toEqual(containTransform(w, h, W, H));
    expect([t.imageWidth, t.imageHeight]).toEqual([w, h]);
    // Find the white region in the output: it must start at the pad and span the scaled size.
    let x0 = W, y0 = H, x1 = -1, y1 = -1;
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (boxed.data[(y * W + x) * 3]! > 200) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    expect([x0, y0]).toEqual([t.padX, t.padY]);
    expect([x1 + 1, y1 + 1]).toEqual([t.padX + Math.round(w * t.scale), t.padY + Math.round(h * t.scale)]);
    const corner = t.padY > 0 ? [0, 0] : [W - 1, H - 1];
    if (t.padX > 0 || t.padY > 0) expect([...boxed.data.subarray((corner[1]! * W + corner[0]!) * 3, (corner[1]! * W + corner[0]!) * 3 + 3)]).toEqual([114, 114, 114]);
  });

  it.each([
    [1280, 720, 640, 640],
    [333, 777, 640, 640],
    [1001, 999, 640, 640],
    [1280, 720, 640, 384],
  ])('%i×%i into %i×%i: letterboxTensor (padding rows filled) equals the per-pixel conversion of the whole input', async (w, h, W, H) => {
    const file = path.join(dir, `noise-${w}x${h}.jpg`);
    await sharp({ create: { width: w, height: h, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).jpeg().toFile(file);
    const boxed = await letterbox(openImage(file), W, H);
    const norm = { scale: 1 / 255, mean: [0.485, 0.456, 0.406] as [number, number, number], std: [0.229, 0.224, 0.225] as [number, number, number], channelOrder: 'bgr' as const };
    expectSameFloats(letterboxTensor(boxed, norm), toNchw(boxed.data, W, H, norm));
  });
});

describe('toNchw', () => {
  // Two pixels: pure red, then (0, 128, 255).
  const hwc = new Uint8Array([255, 0, 0, 0, 128, 255]);

  it('RGB order with scale only: planes R, G, B', () => {
    const out = toNchw(hwc, 2, 1, { scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1], channelOrder: 'rgb' });
    expect([...out].map((v) => Math.round(v * 1000) / 1000)).toEqual([1, 0, 0, 0.502, 0, 1]);
  });

  it('BGR order applies mean/std in the output channel order (PaddleOCR convention)', () => {
    const out = toNchw(hwc, 2, 1, { scale: 1 / 255, mean: [0.1, 0.2, 0.3], std: [0.5, 0.25, 0.125], channelOrder: 'bgr' });
    const expected = [(0 - 0.1) / 0.5, (1 - 0.1) / 0.5, (0 - 0.2) / 0.25, (128 / 255 - 0.2) / 0.25, (1 - 0.3) / 0.125, (0 - 0.3) / 0.125];
    [...out].forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
  });

  it('uniform rows are filled with the value, the rest converted', () => {
    const rows = new Uint8Array([9, 9, 9, 1, 2, 3, 9, 9, 9]); // 1×3: pad, pixel, pad
    const norm = { scale: 1, mean: [0, 0, 0] as [number, number, number], std: [1, 1, 1] as [number, number, number], channelOrder: 'rgb' as const };
    expect([...toNchw(rows, 1, 3, norm, { top: 1, bottom: 1, value: 9 })]).toEqual([9, 1, 9, 9, 2, 9, 9, 3, 9]);
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() => toNchw(hwc, 3, 1, { scale: 1, mean: [0, 0, 0], std: [1, 1, 1], channelOrder: 'rgb' })).toThrow('expected 9 bytes of RGB for 3×1, got 6');
  });
});
