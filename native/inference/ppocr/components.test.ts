import { describe, expect, it } from 'vitest';
import { componentOutline, findComponents } from './components';

/** A mask from rows of '#' (on) and '.' (off). */
function mask(rows: string[]): { data: Uint8Array; width: number; height: number } {
  const width = rows[0]!.length;
  const data = new Uint8Array(width * rows.length);
  rows.forEach((r, y) => [...r].forEach((c, x) => (data[y * width + x] = c === '#' ? 1 : 0)));
  return { data, width, height: rows.length };
}

describe('findComponents', () => {
  it('separates two regions and records each row extent', () => {
    const m = mask(['.##....', '.###..#', '..#...#', '......#']);
    const found = findComponents(m.data, m.width, m.height, 10);
    expect(found).toEqual([
      { top: 0, minX: [1, 1, 2], maxX: [2, 3, 2], pixels: 6 },
      { top: 1, minX: [6, 6, 6], maxX: [6, 6, 6], pixels: 3 },
    ]);
  });

  it('joins pixels that touch only diagonally (8-connectivity)', () => {
    const m = mask(['#..', '.#.', '..#']);
    expect(findComponents(m.data, m.width, m.height, 10)).toHaveLength(1);
  });

  it('stops at maxCount regions, in raster order', () => {
    const m = mask(['#.#.#', '.....', '#.#.#']);
    const found = findComponents(m.data, m.width, m.height, 4);
    expect(found.map((c) => [c.top, c.minX[0]])).toEqual([[0, 0], [0, 2], [0, 4], [2, 0]]);
  });

  it('fills a large region without recursion', () => {
    const width = 2000;
    const height = 500;
    const found = findComponents(new Uint8Array(width * height).fill(1), width, height, 10);
    expect(found).toHaveLength(1);
    expect(found[0]!.pixels).toBe(width * height);
  });

  it('refuses a mask of the wrong size', () => {
    expect(() => findComponents(new Uint8Array(5), 2, 3, 10)).toThrow(/5 pixels, expected 2×3/);
  });
});

describe('componentOutline', () => {
  it('gives the centres of the extreme pixels of each row', () => {
    expect(componentOutline({ top: 4, minX: [2, 1], maxX: [3, 5], pixels: 7 })).toEqual([
      [2.5, 4.5], [3.5, 4.5],
      [1.5, 5.5], [5.5, 5.5],
    ]);
  });
});
