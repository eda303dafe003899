import { describe, expect, it } from 'vitest';
import { formConsensus } from './formConsensus';
import { shape, shuffled } from './testKit';
import type { Submission } from './types';

const A = '0xaaaa000000000000000000000000000000000001';
const B = '0xbbbb000000000000000000000000000000000002';
const C = '0xcccc000000000000000000000000000000000003';
const D = '0xdddd000000000000000000000000000000000004';
const E = '0xeeee000000000000000000000000000000000005';

const agreementOf = (result: ReturnType<typeof formConsensus>, annotator: string) => result.annotators.find((a) => a.annotator === annotator)!;

describe('formConsensus', () => {
  it('accepts identical labels with full agreement', () => {
    const shapes = [shape('car', 0, 0), shape('person', 50, 50, 5, 20)];
    const result = formConsensus([A, B, C].map((annotator) => ({ annotator, shapes })));
    expect(result.status).toBe('accepted');
    expect(result.score).toBe(1);
    expect(result.labels).toEqual(shapes);
    expect(result.annotators.map((a) => a.agreement)).toEqual([1, 1, 1]);
  });

  it('two agree and one has the wrong class: accepted with the majority class, the third scores 0', () => {
    const result = formConsensus([
      { annotator: A, shapes: [shape('car', 0, 0)] },
      { annotator: B, shapes: [shape('car', 1, 0)] },
      { annotator: C, shapes: [shape('truck', 0, 1)] },
    ]);
    expect(result.status).toBe('accepted');
    expect(result.score).toBeCloseTo(2 / 3, 10);
    expect(result.labels.map((l) => l.className)).toEqual(['car']);
    expect(result.clusters).toHaveLength(1);
    expect(result.clusters[0]!.votes).toEqual([
      { className: 'car', count: 2 },
      { className: 'truck', count: 1 },
    ]);
    expect(agreementOf(result, C)).toMatchObject({ agreed: 0, wrongClass: 1, missed: 0, extra: 0, agreement: 0 });
    expect(agreementOf(result, A)).toMatchObject({ agreed: 1, agreement: 1 });
  });

  it('all disagree on the class: disputed, no label, the cluster kept as the proposal', () => {
    const result = formConsensus([
      { annotator: A, shapes: [shape('car', 0, 0)] },
      { annotator: B, shapes: [shape('truck', 0, 0)] },
      { annotator: C, shapes: [shape('bus', 0, 0)] },
    ]);
    expect(result.status).toBe('disputed');
    expect(result.score).toBe(0);
    expect(result.labels).toEqual([]);
    expect(result.clusters).toHaveLength(1);
    expect(result.clusters[0]!.accepted).toBe(false);
    expect(result.clusters[0]!.members.map((m) => m.annotator)).toEqual([A, B, C]);
  });

  it('all disagree on where objects are: disputed', () => {
    const result = formConsensus([
      { annotator: A, shapes: [shape('car', 0, 0)] },
      { annotator: B, shapes: [shape('car', 100, 0)] },
      { annotator: C, shapes: [shape('car', 0, 100)] },
    ]);
    expect(result.status).toBe('disputed');
    expect(result.clusters).toHaveLength(3);
    expect(result.labels).toEqual([]);
  });

  it('a missing object costs the annotator who missed it', () => {
    const result = formConsensus([
      { annotator: A, shapes: [shape('car', 0, 0), shape('person', 50, 50)] },
      { annotator: B, shapes: [shape('person', 51, 50), shape('car', 0, 1)] },
      { annotator: C, shapes: [shape('car', 1, 1)] },
    ]);
    expect(result.status).toBe('accepted');
    expect(result.labels.map((l) => l.className)).toEqual(['car', 'person']);
    expect(agreementOf(result, C)).toMatchObject({ agreed: 1, missed: 1, extra: 0, agreement: 0.5 });
    expect(result.score).toBeCloseTo(2.5 / 3, 10);
  });

  it('an extra object drawn by one annotator is not accepted and costs that annotator', () => {
    const result = formConsensus([
      { annotator: A, shapes: [shape('car', 0, 0)] },
      { annotator: B, shapes: [shape('car', 0, 0)] },
      { annotator: C, shapes: [shape('car', 0, 0), shape('dog', 80, 80)] },
    ]);
    expect(result.status).toBe('accepted');
    expect(result.labels).toEqual([shape('car', 0, 0)]);
    expect(agreementOf(result, C)).toMatchObject({ agreed: 1, extra: 1, agreement: 0.5 });
    expect(result.clusters.find((c) => c.members[0]!.shape.className === 'dog')!.accepted).toBe(false);
  });

  it('accepts an empty item when every annotator says there is nothing', () => {
    const result = formConsensus([A, B, C].map((annotator) => ({ annotator, shapes: [] })));
    expect(result).toMatchObject({ status: 'accepted', score: 1, labels: [], clusters: [] });
  });

  it('accepts an empty item when only a minority drew something', () => {
    const result = formConsensus([
      { annotator: A, shapes: [shape('car', 0, 0)] },
      { annotator: B, shapes: [] },
      { annotator: C, shapes: [] },
    ]);
    expect(result.status).toBe('accepted');
    expect(result.labels).toEqual([]);
    expect(agreementOf(result, A).agreement).toBe(0);
  });

  it('needs a quorum of ALL annotators, not of the cluster', () => {
    const result = formConsensus([
      { annotator: A, shapes: [shape('car', 0, 0)] },
      { annotator: B, shapes: [shape('car', 0, 0)] },
      { annotator: C, shapes: [] },
      { annotator: D, shapes: [] },
      { annotator: E, shapes: [] },
    ]);
    expect(result.clusters[0]!.accepted).toBe(false);
    expect(result.labels).toEqual([]);
    const lowQuorum = formConsensus(
      [
        { annotator: A, shapes: [shape('car', 0, 0)] },
        { annotator: B, shapes: [shape('car', 0, 0)] },
        { annotator: C, shapes: [] },
      ],
      { quorumShare: 0.7 },
    );
    expect(lowQuorum.labels).toEqual([]);
  });

  it('leaves a class tie unresolved even when both sides reach the quorum', () => {
    const result = formConsensus(
      [
        { annotator: A, shapes: [shape('car', 0, 0)] },
        { annotator: B, shapes: [shape('truck', 0, 0)] },
        { annotator: C, shapes: [shape('car', 0, 0)] },
        { annotator: D, shapes: [shape('truck', 0, 0)] },
      ],
      { quorumShare: 0.25 },
    );
    expect(result.clusters[0]!.votes).toEqual([
      { className: 'car', count: 2 },
      { className: 'truck', count: 2 },
    ]);
    expect(result.clusters[0]!.accepted).toBe(false);
    expect(result.status).toBe('disputed');
  });

  it('merges to the winning-class member nearest the mean box, the earlier annotator on a tie', () => {
    const result = formConsensus([
      { annotator: C, shapes: [shape('car', 2, 2)] },
      { annotator: A, shapes: [shape('car', 0, 0)] },
      { annotator: B, shapes: [shape('car', 1, 1)] },
      { annotator: D, shapes: [shape('truck', 1.5, 1.5)] },
    ]);
    expect(result.labels).toEqual([shape('car', 1, 1)]);
    expect(result.clusters[0]!.representative!.annotator).toBe(B);
    const tie = formConsensus([
      { annotator: B, shapes: [shape('car', 1, 0)] },
      { annotator: A, shapes: [shape('car', 0, 0)] },
    ]);
    expect(tie.labels).toEqual([shape('car', 0, 0)]);
  });

  it('keeps at most one shape per annotator in a cluster, taking the strongest matches first', () => {
    // Pairwise: A-B pairs a1-b1 (0.82), A-C pairs a2-c1 (0.90), B-C pairs b1-c1 (0.74); joining all would put a1 and a2 together.
    const a1 = shape('car', 0, 0);
    const a2 = shape('car', 3, 0);
    const b1 = shape('car', 1, 0);
    const c1 = shape('car', 2.5, 0);
    const result = formConsensus([
      { annotator: A, shapes: [a1, a2] },
      { annotator: B, shapes: [b1] },
      { annotator: C, shapes: [c1] },
    ]);
    for (const cluster of result.clusters) {
      const annotators = cluster.members.map((m) => m.annotator);
      expect(new Set(annotators).size).toBe(annotators.length);
    }
    const groups = result.clusters.map((c) => c.members.map((m) => `${m.annotator.slice(2, 6)}:${m.shape.box.x}`));
    expect(groups).toEqual([['aaaa:0', 'bbbb:1'], ['aaaa:3', 'cccc:2.5']]);
  });

  it('reports submitted shape indexes and gives the same result for any order of submissions and shapes', () => {
    const submissions: Submission[] = [
      { annotator: A, shapes: [shape('car', 0, 0), shape('person', 40, 40, 8, 20), shape('car', 100, 100), shape('dog', 200, 0)] },
      { annotator: B, shapes: [shape('person', 41, 40, 8, 20), shape('car', 1, 0), shape('truck', 101, 100)] },
      { annotator: C, shapes: [shape('car', 0, 1), shape('truck', 100, 101), shape('person', 40, 42, 8, 20), shape('car', 300, 300)] },
      { annotator: D, shapes: [shape('car', 100, 100), shape('person', 40, 40, 9, 20)] },
    ];
    const expected = formConsensus(submissions);
    const strip = (r: typeof expected) => ({
      ...r,
      clusters: r.clusters.map((c) => ({ ...c, members: c.members.map(({ annotator, shape: s }) => ({ annotator, s })), representative: c.representative?.annotator })),
    });
    for (let seed = 1; seed <= 20; seed++) {
      const reordered = shuffled(submissions, seed).map((s, i) => ({ ...s, shapes: shuffled(s.shapes, seed * 31 + i) }));
      const result = formConsensus(reordered);
      expect(strip(result)).toEqual(strip(expected));
      for (const member of result.clusters.flatMap((c) => c.members)) {
        expect(reordered.find((s) => s.annotator === member.annotator)!.shapes[member.shapeIndex]).toEqual(member.shape);
      }
    }
    expect(expected.labels.map((l) => l.className)).toEqual(['car', 'person']);
    const split = expected.clusters.find((c) => c.members.some((m) => m.shape.box.x === 100))!;
    expect(split.votes).toEqual([
      { className: 'car', count: 2 },
      { className: 'truck', count: 2 },
    ]);
    expect(split.accepted).toBe(false);
  });

  it('refuses a repeated annotator and nonsensical options', () => {
    expect(() => formConsensus([{ annotator: A, shapes: [] }, { annotator: A.toUpperCase().replace('0X', '0x'), shapes: [] }])).toThrow('submitted twice');
    expect(() => formConsensus([])).toThrow('at least one submission');
    expect(() => formConsensus([{ annotator: A, shapes: [] }], { iouThreshold: 0 })).toThrow('iouThreshold');
    expect(() => formConsensus([{ annotator: A, shapes: [] }], { quorumShare: 1 })).toThrow('quorumShare');
    expect(() => formConsensus([{ annotator: A, shapes: [shape('car', 0, 0, NaN)] }])).toThrow(`${A} shapes[0].box.w`);
  });
});
