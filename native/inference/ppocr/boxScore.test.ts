import { describe, expect, it } from 'vitest';
import { boxScore } from './boxScore';

describe('boxScore', () => {
  const width = 20;
  const height = 10;
  // Left half 1, right half 0.
  const prob = Float32Array.from({ length: width * height }, (_, i) => (i % width < 10 ? 1 : 0));

  it('averages the pixels whose centres lie inside the box', () => {
    expect(boxScore(prob, width, height, { cx: 10, cy: 5, w: 20, h: 10, ux: 1, uy: 0 })).toBeCloseTo(0.5);
    expect(boxScore(prob, width, height, { cx: 4, cy: 5, w: 8, h: 4, ux: 1, uy: 0 })).toBe(1);
    expect(boxScore(prob, width, height, { cx: 14, cy: 5, w: 4, h: 4, ux: 1, uy: 0 })).toBe(0);
  });

  it('follows a rotated box rather than its bounding box', () => {
    // A thin diagonal box across the boundary: the same number of pixels each side.
    const a = Math.PI / 4;
    const score = boxScore(prob, width, height, { cx: 10, cy: 5, w: 10, h: 1.5, ux: Math.cos(a), uy: Math.sin(a) });
    expect(score).toBeGreaterThan(0.3);
    expect(score).toBeLessThan(0.7);
  });

  it('scores a box outside the map 0', () => {
    expect(boxScore(prob, width, height, { cx: -50, cy: -50, w: 4, h: 4, ux: 1, uy: 0 })).toBe(0);
  });
});
