import { describe, expect, it } from 'vitest';
import { readingOrder } from './readingOrder';
import type { TextDetection } from './types';

function det(name: number, x: number, y: number, w = 100, h = 30): TextDetection {
  return { box: { x, y, w, h }, quad: [[x, y], [x + w, y], [x + w, y + h], [x, y + h]], score: name };
}

describe('readingOrder', () => {
  it('reads lines top to bottom and each line left to right, tolerating uneven tops', () => {
    const boxes = [det(4, 20, 200), det(2, 400, 50), det(1, 30, 58), det(3, 700, 44), det(5, 300, 190)];
    expect(readingOrder(boxes).map((b) => b.score)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps boxes more than half a line apart on separate lines', () => {
    const boxes = [det(2, 10, 120), det(1, 400, 100)];
    expect(readingOrder(boxes).map((b) => b.score)).toEqual([1, 2]);
  });
});
