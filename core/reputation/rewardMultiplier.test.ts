import { describe, expect, it } from 'vitest';
import { preferForScarce } from './preferForScarce';
import { rewardMultiplier } from './rewardMultiplier';

describe('rewardMultiplier', () => {
  it('is 0.5 + mean within the default bounds [0.5, 1.5]', () => {
    expect(rewardMultiplier(0.5)).toBe(1);
    expect(rewardMultiplier(0)).toBe(0.5);
    expect(rewardMultiplier(1)).toBe(1.5);
    expect(rewardMultiplier(0.8)).toBeCloseTo(1.3, 12);
  });

  it('clamps to configured bounds', () => {
    expect(rewardMultiplier(0.9, { max: 1.2 })).toBe(1.2);
    expect(rewardMultiplier(0.1, { min: 0.8 })).toBe(0.8);
    expect(rewardMultiplier(0.6, { min: 0.8, max: 1.2 })).toBeCloseTo(1.1, 12);
  });

  it('refuses a mean outside [0, 1] and inverted bounds', () => {
    expect(() => rewardMultiplier(1.2)).toThrow('mean must be in [0, 1], got 1.2');
    expect(() => rewardMultiplier(NaN)).toThrow('mean');
    expect(() => rewardMultiplier(0.5, { min: 1.2, max: 1 })).toThrow('min=1.2, max=1');
  });
});

describe('preferForScarce', () => {
  it('orders by lower bound, then fewer open assignments, then address; keeps extra fields; does not sort in place', () => {
    const candidates = [
      { annotator: '0xC', lower: 0.4, assignments: 0, note: 'newcomer' },
      { annotator: '0xB', lower: 0.81, assignments: 5 },
      { annotator: '0xA', lower: 0.81, assignments: 2 },
      { annotator: '0xe', lower: 0.7, assignments: 1 },
      { annotator: '0xD', lower: 0.7, assignments: 1 },
    ];
    const ordered = preferForScarce(candidates);
    expect(ordered.map((c) => c.annotator)).toEqual(['0xA', '0xB', '0xD', '0xe', '0xC']);
    expect(ordered[4]).toBe(candidates[0]);
    expect(candidates[0]!.annotator).toBe('0xC');
  });
});
