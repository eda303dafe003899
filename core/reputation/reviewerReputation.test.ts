import { describe, expect, it } from 'vitest';
import { shape } from '../consensus/testKit';
import { emptyReputation, mean } from './betaReputation';
import { recordVerdictEvidence, verdictSupported } from './reviewerReputation';

const verdict = [shape('car', 0, 0), shape('person', 50, 50, 5, 20)];

describe('reviewer reputation', () => {
  it('a verdict is supported by ground truth or a second verdict that matches it', () => {
    expect(verdictSupported(verdict, { kind: 'ground_truth', labels: [shape('person', 51, 50, 5, 20), shape('car', 1, 0)] })).toBe(true);
    expect(verdictSupported(verdict, { kind: 'verdict', labels: verdict })).toBe(true);
    expect(verdictSupported([], { kind: 'verdict', labels: [] })).toBe(true);
  });

  it('a verdict is contradicted by a class change, a missing or an extra object, or a loose box', () => {
    expect(verdictSupported(verdict, { kind: 'ground_truth', labels: [shape('truck', 0, 0), verdict[1]!] })).toBe(false);
    expect(verdictSupported(verdict, { kind: 'ground_truth', labels: [verdict[0]!] })).toBe(false);
    expect(verdictSupported(verdict, { kind: 'verdict', labels: [...verdict, shape('dog', 90, 90)] })).toBe(false);
    expect(verdictSupported(verdict, { kind: 'verdict', labels: [shape('car', 3, 0), verdict[1]!] }, 0.6)).toBe(false);
    expect(verdictSupported(verdict, { kind: 'verdict', labels: [shape('car', 3, 0), verdict[1]!] }, 0.5)).toBe(true);
  });

  it('supported evidence raises the reviewer, contradicting evidence lowers them', () => {
    const start = emptyReputation();
    const up = recordVerdictEvidence(start, { supported: true });
    const down = recordVerdictEvidence(start, { supported: false, weight: 2 });
    expect(up).toEqual({ alpha: 3, beta: 2 });
    expect(down).toEqual({ alpha: 2, beta: 4 });
    expect(mean(up)).toBeGreaterThan(mean(start));
    expect(mean(down)).toBeLessThan(mean(start));
  });
});
