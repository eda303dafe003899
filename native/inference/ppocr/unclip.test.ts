import { describe, expect, it } from 'vitest';
import { unclipRect } from './unclip';

describe('unclipRect', () => {
  it('grows a 200×40 rectangle by d = area·1.5/perimeter = 25 on every side', () => {
    const r = unclipRect({ cx: 10, cy: 20, w: 200, h: 40, ux: Math.cos(0.2), uy: Math.sin(0.2) }, 1.5);
    expect(r).toEqual({ cx: 10, cy: 20, w: 250, h: 90, ux: Math.cos(0.2), uy: Math.sin(0.2) });
  });

  it('scales the offset with the ratio: a 10×10 square grows by 2.5·ratio per side', () => {
    expect(unclipRect({ cx: 0, cy: 0, w: 10, h: 10, ux: 1, uy: 0 }, 2).w).toBeCloseTo(20);
  });

  it('leaves an empty rectangle empty instead of dividing by zero', () => {
    expect(unclipRect({ cx: 0, cy: 0, w: 0, h: 0, ux: 1, uy: 0 }, 1.5)).toMatchObject({ w: 0, h: 0 });
  });
});
