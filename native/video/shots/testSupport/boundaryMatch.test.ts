import { describe, expect, it } from 'vitest';
import { matchBoundaries } from './boundaryMatch';
import type { TrueBoundary } from './shotsVideoSpec';

const truth: TrueBoundary[] = [
  { kind: 'cut', start: 100, end: 100 },
  { kind: 'dissolve', start: 200, end: 219 },
  { kind: 'fade', start: 300, end: 320 },
];

describe('matchBoundaries', () => {
  it('accepts a cut within ±1 frame and a gradual boundary inside its span ±3', () => {
    const r = matchBoundaries([101, 197, 323], truth);
    expect(r.missed).toEqual([]);
    expect(r.falsePositives).toEqual([]);
    expect(r.all.f1).toBe(1);
  });

  it('misses a cut 2 frames off and a gradual boundary 4 frames outside its span', () => {
    const r = matchBoundaries([102, 196, 310], truth);
    expect(r.missed.map((m) => m.kind)).toEqual(['cut', 'dissolve']);
    expect(r.falsePositives).toEqual([102, 196]);
    expect(r.perKind.fade).toMatchObject({ found: 1, recall: 1, precision: 1 / 3 });
  });

  it('matches each truth once: a second boundary in the same dissolve is a false positive against every kind', () => {
    const r = matchBoundaries([100, 205, 215, 310], truth);
    expect(r.falsePositives).toEqual([215]);
    expect(r.perKind.cut.precision).toBe(0.5);
    expect(r.perKind.dissolve.precision).toBe(0.5);
  });
});
