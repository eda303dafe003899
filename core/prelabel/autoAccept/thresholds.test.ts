import { describe, expect, it } from 'vitest';
import { decideAutoAccept } from './decide';
import { DEFAULT_AUTO_ACCEPT } from './policy';
import { clopperPearsonLower } from './lowerBound';
import type { Observation } from './observations';
import { chooseThresholds, modelClassKey } from './thresholds';

const policy = { targetPrecision: 0.9, confidence: 0.9, minReviewed: 30 };
const obs = (score: number, correct: boolean, extra: Partial<Observation> = {}): Observation => ({ modelId: 'm', classId: 'c', score, correct, weight: 1, ...extra });

/** 100 predictions at scores 0.99 … 0.00: the top `good` right, the rest wrong. */
const ladder = (good: number) => Array.from({ length: 100 }, (_, i) => obs(0.99 - i * 0.01, i < good));

describe('chooseThresholds', () => {
  it('walks down from the highest score and keeps the last threshold whose bound reaches the target', () => {
    const choice = chooseThresholds(ladder(60), policy).get(modelClassKey('m', 'c'))!;
    expect(choice.reviewed).toBe(100);
    // All right down to score 0.40 (60 of them); below, each wrong one lowers the bound.
    expect(choice.threshold).not.toBeNull();
    const n = Math.round((0.99 - choice.threshold!) / 0.01) + 1;
    const k = Math.min(n, 60);
    expect(clopperPearsonLower(k, n, 0.9)).toBeGreaterThanOrEqual(0.9);
    expect(clopperPearsonLower(Math.min(n + 1, 60), n + 1, 0.9)).toBeLessThan(0.9);
    expect(choice.lowerBound).toBeCloseTo(clopperPearsonLower(k, n, 0.9), 12);
  });

  it('stops at the first failure even if lower thresholds would pass again (fixed sequence)', () => {
    // Top 30 mixed (24 right), then 200 right ones below: overall precision is high, but the sequence fails first.
    const top = Array.from({ length: 30 }, (_, i) => obs(0.99 - i * 0.001, i % 5 !== 0));
    const below = Array.from({ length: 200 }, (_, i) => obs(0.9 - i * 0.001, true));
    expect(chooseThresholds([...top, ...below], policy).get(modelClassKey('m', 'c'))).toEqual({ threshold: null, lowerBound: null, reviewed: 230 });
  });

  it('tests nothing before minReviewed observations; equal scores join together', () => {
    expect(chooseThresholds(ladder(29).slice(0, 29), policy).get(modelClassKey('m', 'c'))!.threshold).toBeNull();
    const tied = [...Array.from({ length: 40 }, () => obs(0.8, true)), obs(0.8, false)];
    // 40 of 41 right at one score: the threshold is 0.8 or nothing; CP(40, 41) at 90 % = 0.906…
    expect(chooseThresholds(tied, policy).get(modelClassKey('m', 'c'))).toMatchObject({ threshold: 0.8, reviewed: 41 });
  });

  it('with the default policy (95 % at 90 %, 30 reviewed) a perfect record can pass: candidates too small to pass even when all right are not tested yet', () => {
    // 30 all-right reviews bound precision at 0.926 < 0.95: a test there would always fail and end the walk at once.
    const allRight = Array.from({ length: 80 }, (_, i) => obs(0.99 - i * 0.005, true));
    const choice = chooseThresholds(allRight, DEFAULT_AUTO_ACCEPT).get(modelClassKey('m', 'c'))!;
    expect(choice.threshold).toBeCloseTo(0.99 - 79 * 0.005, 10);
    expect(choice.lowerBound!).toBeGreaterThanOrEqual(0.95);
    // A wrong one among the first 45 (where a perfect record first reaches the bound) still ends it without a threshold.
    const earlyMiss = allRight.map((o, i) => (i === 10 ? { ...o, correct: false } : o));
    expect(chooseThresholds(earlyMiss.slice(0, 45), DEFAULT_AUTO_ACCEPT).get(modelClassKey('m', 'c'))!.threshold).toBeNull();
  });

  it('chooses per model and class', () => {
    const a = ladder(100).map((o) => ({ ...o, modelId: 'yolo' }));
    const b = ladder(0).map((o) => ({ ...o, classId: 'd' }));
    const choices = chooseThresholds([...a, ...b], policy);
    expect(choices.get(modelClassKey('yolo', 'c'))!.threshold).toBeCloseTo(0, 9);
    expect(choices.get(modelClassKey('m', 'd'))!.threshold).toBeNull();
    expect([...choices.keys()].sort()).toEqual([modelClassKey('m', 'd'), modelClassKey('yolo', 'c')].sort());
  });

  it('audit samples stand for 1/auditRate predictions each (Korn–Graubard), so a wrong ordinary one weighs less', () => {
    // 30 audits at rate 0.1, all right, above ordinary reviews that were all wrong.
    const audits = Array.from({ length: 30 }, (_, i) => obs(0.95 - i * 0.001, true, { weight: 10 }));
    const ordinary = Array.from({ length: 10 }, (_, i) => obs(0.5 - i * 0.01, false));
    const choice = chooseThresholds([...audits, ...ordinary], policy).get(modelClassKey('m', 'c'))!;
    // SciPy: with 5 wrong ordinary ones the bound is 0.9028 (passes), with 6 below 0.9; unweighted even the first would fail (0.880).
    expect(choice.threshold).toBeCloseTo(0.5 - 4 * 0.01, 9);
    expect(choice.lowerBound).toBeCloseTo(0.9028478521469251, 8);
    const unweighted = chooseThresholds([...audits, ...ordinary].map((o) => ({ ...o, weight: 1 })), policy).get(modelClassKey('m', 'c'))!;
    expect(unweighted.threshold).toBeCloseTo(0.95 - 29 * 0.001, 9);
  });

  it('walks 100 000 distinct scores quickly (one incomplete-beta evaluation per candidate)', () => {
    // Right with chance = score: precision above t is (1 + t) / 2, so the target 0.9 is met from t ≈ 0.8 down to somewhat above it.
    let seed = 1;
    const next = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const many = Array.from({ length: 100_000 }, (_, i) => {
      const score = (i + 0.5) / 100_000;
      return obs(score, next() < score);
    });
    const started = Date.now();
    const choice = chooseThresholds(many, policy).get(modelClassKey('m', 'c'))!;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(choice.threshold!).toBeGreaterThan(0.78);
    expect(choice.threshold!).toBeLessThan(0.9);
    expect(choice.lowerBound!).toBeGreaterThanOrEqual(0.9);
  });
});

describe('decideAutoAccept', () => {
  it('below or without a threshold: an ordinary pending pre-label; at or above: audit with chance auditRate, else auto', () => {
    const never = () => {
      throw new Error('no draw needed');
    };
    expect(decideAutoAccept(0.99, null, 0.1, never)).toBeNull();
    expect(decideAutoAccept(0.5, 0.6, 0.1, never)).toBeNull();
    expect(decideAutoAccept(0.6, 0.6, 0.1, () => 0.05)).toBe('audit');
    expect(decideAutoAccept(0.7, 0.6, 0.1, () => 0.1)).toBe('auto');
    expect(decideAutoAccept(0.7, 0.6, 1, () => 0.999)).toBe('audit');
  });
});
