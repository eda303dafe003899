import { describe, expect, it } from 'vitest';
import { betaCdf, betaQuantile, lnGamma } from './betaMath';
import { emptyReputation, lowerBound, mean, recordOutcome, summarize } from './betaReputation';

/** P(X ≤ x) for X ~ Beta(a, b) by composite Simpson on the unnormalized density, normalized by the full integral — independent of the code under test. */
function simpsonCdf(x: number, a: number, b: number, steps = 20_000): number {
  const density = (t: number) => t ** (a - 1) * (1 - t) ** (b - 1);
  const integrate = (hi: number) => {
    const h = hi / steps;
    let sum = density(0) + density(hi);
    for (let i = 1; i < steps; i++) sum += density(i * h) * (i % 2 ? 4 : 2);
    return (sum * h) / 3;
  };
  return integrate(x) / integrate(1);
}

describe('Beta numerics', () => {
  it('lnGamma matches factorials and Γ(1/2) = √π', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 12);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(lnGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });

  it('the CDF matches closed forms', () => {
    for (const x of [0.05, 0.3, 0.5, 0.77, 0.99]) {
      expect(betaCdf(x, 1, 1)).toBeCloseTo(x, 12);
      expect(betaCdf(x, 3, 1)).toBeCloseTo(x ** 3, 12);
      expect(betaCdf(x, 2, 2)).toBeCloseTo(3 * x * x - 2 * x ** 3, 12);
    }
    expect(betaCdf(0, 2, 2)).toBe(0);
    expect(betaCdf(1, 2, 2)).toBe(1);
  });

  it('quantiles invert closed forms: uniform, Beta(a,1) = q^(1/a), Beta(2,2) symmetric with median 0.5', () => {
    for (const q of [0.01, 0.1, 0.5, 0.9]) {
      expect(betaQuantile(q, 1, 1)).toBeCloseTo(q, 10);
      expect(betaQuantile(q, 4, 1)).toBeCloseTo(q ** 0.25, 10);
      expect(betaQuantile(q, 2, 2) + betaQuantile(1 - q, 2, 2)).toBeCloseTo(1, 10);
    }
    expect(betaQuantile(0.5, 2, 2)).toBeCloseTo(0.5, 10);
    const x = betaQuantile(0.1, 2, 2);
    expect(3 * x * x - 2 * x ** 3).toBeCloseTo(0.1, 10);
    expect(x).toBeCloseTo(0.19580, 4);
  });

  it('quantiles of skewed and fractional Betas agree with Simpson integration of the density', () => {
    const cases: [number, number][] = [
      [10, 2],
      [2, 10],
      [47, 7],
      [3.5, 2.5], // fractional (weighted outcomes); exponents ≥ 1.5 keep Simpson itself accurate near the ends
      [120, 30],
    ];
    for (const [a, b] of cases) {
      for (const q of [0.05, 0.1, 0.5, 0.9]) {
        const x = betaQuantile(q, a, b);
        expect(simpsonCdf(x, a, b), `Beta(${a},${b}) q=${q}`).toBeCloseTo(q, 6);
      }
    }
    // Beta(10,2): CDF = 11x^10 − 10x^11, a second independent check of the 10% quantile.
    const x = betaQuantile(0.1, 10, 2);
    expect(11 * x ** 10 - 10 * x ** 11).toBeCloseTo(0.1, 10);
  });

  it('refuses bad parameters with the values named', () => {
    expect(() => betaQuantile(0.1, 0, 2)).toThrow('alpha=0');
    expect(() => betaQuantile(1.5, 2, 2)).toThrow('0 ≤ q ≤ 1, got 1.5');
    expect(() => betaCdf(NaN, 2, 2)).toThrow('finite x');
  });
});

describe('Beta reputation', () => {
  it('starts at the prior Beta(2,2) and updates exactly', () => {
    const start = emptyReputation();
    expect(start).toEqual({ alpha: 2, beta: 2 });
    expect(mean(start)).toBe(0.5);
    const after = recordOutcome(recordOutcome(start, { agreed: true }), { agreed: false, weight: 2.5 });
    expect(after).toEqual({ alpha: 3, beta: 4.5 });
    expect(start).toEqual({ alpha: 2, beta: 2 });
    expect(emptyReputation({ alpha: 1, beta: 3 })).toEqual({ alpha: 1, beta: 3 });
  });

  it('ranks a proven annotator above a lucky newcomer with a higher mean', () => {
    let lucky = emptyReputation();
    for (let i = 0; i < 3; i++) lucky = recordOutcome(lucky, { agreed: true });
    let proven = emptyReputation();
    for (let i = 0; i < 60; i++) proven = recordOutcome(proven, { agreed: i % 10 !== 0 });
    expect(mean(lucky)).toBeGreaterThan(mean(proven) - 0.2);
    expect(lowerBound(proven)).toBeGreaterThan(lowerBound(lucky));
    expect(lowerBound(lucky)).toBeLessThan(mean(lucky));
    expect(summarize(proven)).toEqual({ alpha: 56, beta: 8, mean: 56 / 64, lower: lowerBound(proven) });
  });

  it('refuses a bad weight or record', () => {
    expect(() => recordOutcome(emptyReputation(), { agreed: true, weight: 0 })).toThrow('weight must be a finite number > 0, got 0');
    expect(() => mean({ alpha: -1, beta: 2 })).toThrow('alpha=-1');
    expect(() => emptyReputation({ alpha: 0, beta: 1 })).toThrow('prior');
  });
});
