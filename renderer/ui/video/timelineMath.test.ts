import { describe, expect, it } from 'vitest';
import { frameAtX, framePercent, rangePercent } from './timelineMath';

describe('timeline math', () => {
  it('maps positions to frames and back, clamped to the video', () => {
    expect(frameAtX(0, 400, 120)).toBe(0);
    expect(frameAtX(400, 400, 120)).toBe(119);
    expect(frameAtX(200, 400, 120)).toBe(60);
    expect(frameAtX(-5, 400, 120)).toBe(0);
    expect(frameAtX(999, 400, 120)).toBe(119);
    expect(framePercent(119, 120)).toBe(100);
    expect(rangePercent(0, 59, 120)).toBe(50);
    expect(frameAtX(10, 0, 120)).toBe(0);
  });
});
