import { describe, expect, it } from 'vitest';
import { dbDefaults, dbPostprocess } from './dbPostprocess';

/** A probability map with rectangles [x, y, w, h] filled with p. */
function probMap(width: number, height: number, rects: [number, number, number, number, number][]): Float32Array {
  const prob = new Float32Array(width * height).fill(0.01);
  for (const [x0, y0, w, h, p] of rects) for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) prob[y * width + x] = p;
  return prob;
}

describe('dbPostprocess', () => {
  const map = { width: 200, height: 100 };

  it('turns a confident kernel into its unclipped box, scaled to the original image', () => {
    // Kernel of 40×10 pixels at (50, 20): its outline runs through pixel centres,
    // 39×9 from (50.5, 20.5). d = 39·9·1.5 / (2·(39 + 9)) = 5.484375. The original
    // is 2× wider and 3× taller than the map.
    const d = (39 * 9 * 1.5) / 96;
    const found = dbPostprocess(probMap(200, 100, [[50, 20, 40, 10, 0.9]]), map, { width: 400, height: 300 }, dbDefaults);
    expect(found).toHaveLength(1);
    const [t] = found;
    expect(t!.score).toBeCloseTo(0.9);
    expect(t!.box.x).toBeCloseTo((50.5 - d) * 2);
    expect(t!.box.y).toBeCloseTo((20.5 - d) * 3);
    expect(t!.box.w).toBeCloseTo((39 + 2 * d) * 2);
    expect(t!.box.h).toBeCloseTo((9 + 2 * d) * 3);
    const [x0, y0, x1, y1] = [(50.5 - d) * 2, (20.5 - d) * 3, (89.5 + d) * 2, (29.5 + d) * 3];
    t!.quad.forEach((p, i) => {
      const expected = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]][i]!;
      expect(p[0]).toBeCloseTo(expected[0]!);
      expect(p[1]).toBeCloseTo(expected[1]!);
    });
  });

  it('drops a region above the pixel threshold whose box score is below the box threshold', () => {
    expect(dbPostprocess(probMap(200, 100, [[50, 20, 40, 10, 0.5]]), map, map, dbDefaults)).toEqual([]);
    expect(dbPostprocess(probMap(200, 100, [[50, 20, 40, 10, 0.5]]), map, map, { ...dbDefaults, boxThreshold: 0.4 })).toHaveLength(1);
  });

  it('drops kernels less than 3 pixels between outer pixel centres (a 3-pixel band) and keeps a 4-pixel band', () => {
    expect(dbPostprocess(probMap(200, 100, [[10, 10, 100, 3, 0.9]]), map, map, dbDefaults)).toEqual([]);
    expect(dbPostprocess(probMap(200, 100, [[10, 10, 100, 4, 0.9]]), map, map, dbDefaults)).toHaveLength(1);
  });

  it('clamps boxes at the image border', () => {
    const [d] = dbPostprocess(probMap(200, 100, [[0, 0, 30, 8, 0.9]]), map, map, dbDefaults);
    expect(d!.box.x).toBe(0);
    expect(d!.box.y).toBe(0);
    expect(d!.quad.every(([x, y]) => x >= 0 && y >= 0)).toBe(true);
  });

  it('examines at most maxCandidates regions and returns them in reading order', () => {
    const prob = probMap(200, 100, [[120, 10, 40, 10, 0.9], [10, 12, 40, 10, 0.9], [10, 60, 40, 10, 0.9]]);
    const all = dbPostprocess(prob, map, map, dbDefaults);
    expect(all.map((d) => Math.round(d.box.x))).toEqual([5, 115, 5]);
    expect(all.map((d) => Math.round(d.box.y))).toEqual([7, 5, 55]);
    expect(dbPostprocess(prob, map, map, { ...dbDefaults, maxCandidates: 1 })).toHaveLength(1);
  });

  it('refuses a map whose size does not match', () => {
    expect(() => dbPostprocess(new Float32Array(10), map, map, dbDefaults)).toThrow(/10 values, expected 200×100/);
  });
});
