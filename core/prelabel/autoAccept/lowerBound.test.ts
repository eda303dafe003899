import { describe, expect, it } from 'vitest';
import { clopperPearsonLower, clopperPearsonReaches, logGamma, tallyOf, weightedBoundReaches, weightedLowerBound } from './lowerBound';

// Reference values: scipy.stats.beta.ppf(1 - c, k, n - k + 1) (SciPy 1.17), computed independently of this code.
const SCIPY: [n: number, k: number, c: number, bound: number][] = [
  [100, 95, 0.9, 0.9092285303859298],
  [100, 95, 0.95, 0.8977466223567255],
  [30, 30, 0.9, 0.9261187281287935],
  [1000, 950, 0.9, 0.9399751425728351],
  [100_000, 95_000, 0.9, 0.9491052733078873],
  [10, 1, 0.9, 0.010480741793785605],
  [50, 45, 0.8, 0.8464775724248667],
];

describe('Clopper–Pearson lower bound', () => {
  it('matches SciPy’s beta quantile, up to n = 100 000', () => {
    for (const [n, k, c, bound] of SCIPY) expect(clopperPearsonLower(k, n, c), `${k}/${n} at ${c}`).toBeCloseTo(bound, 9);
  });

  it('all successes has the closed form (1 − c)^(1/n); none gives 0', () => {
    expect(clopperPearsonLower(30, 30, 0.9)).toBeCloseTo(0.1 ** (1 / 30), 12);
    expect(clopperPearsonLower(0, 50, 0.9)).toBe(0);
    expect(clopperPearsonLower(0, 0, 0.9)).toBe(0);
  });

  it('log-gamma agrees with factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  it('is monotone in k, below p̂, and tends to p̂ as n grows', () => {
    for (const n of [20, 200, 2000]) {
      let last = -1;
      for (let k = 0; k <= n; k += Math.max(1, n / 20)) {
        const b = clopperPearsonLower(k, n, 0.9);
        expect(b).toBeGreaterThan(last);
        expect(b).toBeLessThanOrEqual(k / n);
        last = b;
      }
    }
    const gaps = [100, 1000, 10_000, 100_000].map((n) => 0.9 - clopperPearsonLower(0.9 * n, n, 0.9));
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeLessThan(gaps[i - 1]!);
    expect(gaps.at(-1)!).toBeLessThan(0.002);
  });

  it('the one-evaluation test agrees with the bound', () => {
    for (const [n, k, c, bound] of SCIPY) {
      expect(clopperPearsonReaches(k, n, c, bound - 1e-9)).toBe(true);
      expect(clopperPearsonReaches(k, n, c, bound + 1e-9)).toBe(false);
    }
  });
});

describe('weighted (Korn–Graubard) bound', () => {
  it('weights all 1 give the plain bound', () => {
    const obs = [...Array.from({ length: 95 }, () => ({ correct: true, weight: 1 })), ...Array.from({ length: 5 }, () => ({ correct: false, weight: 1 }))];
    expect(weightedLowerBound(tallyOf(obs), 0.9)).toBeCloseTo(clopperPearsonLower(95, 100, 0.9), 12);
    // Equal weights of any size too: the effective size is the count.
    expect(weightedLowerBound(tallyOf(obs.map((o) => ({ ...o, weight: 10 }))), 0.9)).toBeCloseTo(clopperPearsonLower(95, 100, 0.9), 12);
  });

  it('mixed weights use Kish’s effective size (SciPy: 0.6697679429…)', () => {
    // 40 ordinary reviews (37 right), 5 audits at rate 0.1 (4 right): n_eff = 15, p̂ = 77/90.
    const obs = [
      ...Array.from({ length: 40 }, (_, i) => ({ correct: i < 37, weight: 1 })),
      ...Array.from({ length: 5 }, (_, i) => ({ correct: i < 4, weight: 10 })),
    ];
    const t = tallyOf(obs);
    expect(weightedLowerBound(t, 0.9)).toBeCloseTo(0.6697679429087133, 9);
    expect(weightedBoundReaches(t, 0.9, 0.669)).toBe(true);
    expect(weightedBoundReaches(t, 0.9, 0.67)).toBe(false);
    expect(weightedLowerBound(tallyOf([]), 0.9)).toBeNull();
  });
});
