import { describe, expect, it } from 'vitest';
import { essentialKeyframes, objectFromObservations } from './observations';

const row = (frame: number, x: number, y = 0) => ({ frame, box: { x, y, w: 10, h: 10 } });

describe('essentialKeyframes', () => {
  it('keeps only the ends of a straight motion', () => {
    expect(essentialKeyframes([0, 1, 2, 3, 4].map((f) => row(f, f * 3)))).toEqual([0, 4]);
  });

  it('keeps every corner of a piecewise motion', () => {
    // Right for 3 frames, then still, then down.
    const xs = [0, 5, 10, 15, 15, 15, 15, 15];
    const ys = [0, 0, 0, 0, 0, 0, 4, 8];
    expect(essentialKeyframes(xs.map((x, f) => row(f, x, ys[f])))).toEqual([0, 3, 5, 7]);
  });

  it('tolerates the 1/100 px rounding of exports but not more', () => {
    const rounded = [0, 3.33, 6.67, 10].map((x, f) => row(f, x));
    expect(essentialKeyframes(rounded)).toEqual([0, 3]);
    const bent = [0, 3.33, 6.7, 10].map((x, f) => row(f, x));
    expect(essentialKeyframes(bent).length).toBeGreaterThan(2);
  });

  it('handles one and two rows', () => {
    expect(essentialKeyframes([row(0, 0)])).toEqual([0]);
    expect(essentialKeyframes([row(0, 0), row(1, 9)])).toEqual([0, 1]);
  });
});

describe('objectFromObservations', () => {
  it('makes a plain box of a single row and a track with outside keyframes at gaps of several', () => {
    expect(objectFromObservations('f', 'object 1', 'car', [{ ...row(4, 1), location: 'line 1' }], 10)).toEqual({ shape: { frame: 4, className: 'car', box: row(4, 1).box } });
    const made = objectFromObservations('f', 'object 1', 'car', [row(2, 0), row(0, 0), row(1, 0), row(8, 5)].map((r, i) => ({ ...r, location: `line ${i + 1}` })), 10);
    expect('track' in made && made.track.keyframes.map((k) => [k.frame, k.outside])).toEqual([
      [0, false],
      [3, true],
      [8, false],
      [9, true],
    ]);
  });
});
