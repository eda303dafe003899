import { describe, expect, it } from 'vitest';
import { formConsensus } from '../consensus/formConsensus';
import { shape } from '../consensus/testKit';
import { applyScores, emptyAnnotatorReputation, summarizeAnnotator, type AnnotatorReputation } from './annotatorReputation';
import { countByClass, scoreSubmission } from './scoreSubmission';

const truth = [shape('car', 0, 0), shape('person', 50, 50, 5, 20)];

/** alpha/beta added on top of the Beta(2,2) prior, per class. */
function deltas(rep: AnnotatorReputation) {
  const out: Record<string, [number, number]> = {};
  for (const [c, r] of Object.entries(rep.perClass)) out[c] = [r.alpha - 2, r.beta - 2];
  return { overall: [rep.overall.alpha - 2, rep.overall.beta - 2], perClass: out, scoredItems: rep.scoredItems };
}

const scored = (shapes: Parameters<typeof scoreSubmission>[0], reference = truth) => applyScores(emptyAnnotatorReputation(), scoreSubmission(shapes, reference));

describe('scoreSubmission + applyScores', () => {
  it('a perfect submission agrees per object and per item', () => {
    const score = scoreSubmission([shape('person', 51, 50, 5, 20), shape('car', 1, 0)], truth);
    expect(score.agreesWith).toBe(true);
    expect(countByClass(score)).toEqual({ car: { agreed: 1, disagreed: 0 }, person: { agreed: 1, disagreed: 0 } });
    expect(deltas(applyScores(emptyAnnotatorReputation(), score))).toEqual({ overall: [1, 0], perClass: { car: [1, 0], person: [1, 0] }, scoredItems: 1 });
  });

  it('a missing object counts against its class and the item', () => {
    const score = scoreSubmission([shape('car', 0, 0)], truth);
    expect(score.objects).toEqual([
      { kind: 'matched', className: 'car', agreed: true },
      { kind: 'missed', className: 'person', agreed: false },
    ]);
    expect(deltas(scored([shape('car', 0, 0)]))).toEqual({ overall: [0, 1], perClass: { car: [1, 0], person: [0, 1] }, scoredItems: 1 });
  });

  it("an extra object counts against the extra's class", () => {
    const rep = scored([...truth, shape('dog', 90, 90)]);
    expect(deltas(rep)).toEqual({ overall: [0, 1], perClass: { car: [1, 0], person: [1, 0], dog: [0, 1] }, scoredItems: 1 });
  });

  it("a class mismatch counts once, against the reference's class, not the given one", () => {
    const score = scoreSubmission([shape('truck', 1, 1), truth[1]!], truth);
    expect(score.objects).toContainEqual({ kind: 'wrong_class', className: 'car', agreed: false, givenClass: 'truck' });
    expect(score.objects).toHaveLength(2);
    expect(deltas(applyScores(emptyAnnotatorReputation(), score))).toEqual({ overall: [0, 1], perClass: { car: [0, 1], person: [1, 0] }, scoredItems: 1 });
  });

  it('a wrong-class shape that does not overlap the object is a miss plus an extra', () => {
    const rep = scored([shape('truck', 200, 200), truth[1]!]);
    expect(deltas(rep).perClass).toEqual({ car: [0, 1], person: [1, 0], truck: [0, 1] });
  });

  it('a loose box is a miss and an extra of the same class', () => {
    const score = scoreSubmission([shape('car', 6, 0), truth[1]!], truth);
    expect(score.objects.map((o) => o.kind).sort()).toEqual(['extra', 'matched', 'missed']);
    expect(countByClass(score).car).toEqual({ agreed: 0, disagreed: 2 });
  });

  it('two agree and one disagrees: the two gain, the dissenter loses, in the right class', () => {
    const submissions = [
      { annotator: 'a', shapes: [shape('car', 0, 0)] },
      { annotator: 'b', shapes: [shape('car', 1, 1)] },
      { annotator: 'c', shapes: [shape('truck', 0, 0)] },
    ];
    const { labels, status } = formConsensus(submissions);
    expect(status).toBe('accepted');
    const reps = submissions.map((s) => deltas(scored(s.shapes, labels)));
    expect(reps).toEqual([
      { overall: [1, 0], perClass: { car: [1, 0] }, scoredItems: 1 },
      { overall: [1, 0], perClass: { car: [1, 0] }, scoredItems: 1 },
      { overall: [0, 1], perClass: { car: [0, 1] }, scoredItems: 1 },
    ]);
  });

  it('all disagree: against the ground truth everyone loses; the one matching a class gains only there', () => {
    const reference = [shape('bus', 0, 0)];
    const submissions = [[shape('car', 0, 0)], [shape('truck', 0, 0)], [shape('car', 100, 100)]];
    const reps = submissions.map((s) => deltas(scored(s, reference)));
    expect(reps).toEqual([
      { overall: [0, 1], perClass: { bus: [0, 1] }, scoredItems: 1 },
      { overall: [0, 1], perClass: { bus: [0, 1] }, scoredItems: 1 },
      { overall: [0, 1], perClass: { bus: [0, 1], car: [0, 1] }, scoredItems: 1 },
    ]);
  });

  it('empty agrees with empty and scores the item only', () => {
    expect(deltas(scored([], []))).toEqual({ overall: [1, 0], perClass: {}, scoredItems: 1 });
  });

  it('accumulates over items with weights, without changing its input, and summarizes classes in order', () => {
    const start = emptyAnnotatorReputation();
    const one = applyScores(start, scoreSubmission(truth, truth));
    const two = applyScores(one, scoreSubmission([truth[0]!], truth), { weight: 3 });
    expect(start).toEqual({ overall: { alpha: 2, beta: 2 }, perClass: {}, scoredItems: 0 });
    expect(deltas(two)).toEqual({ overall: [1, 3], perClass: { car: [4, 0], person: [1, 3] }, scoredItems: 2 });
    const summary = summarizeAnnotator(two);
    expect(Object.keys(summary.perClass)).toEqual(['car', 'person']);
    expect(summary.overall.mean).toBeCloseTo(3 / 8, 12);
    expect(summary.perClass.car!.lower).toBeGreaterThan(summary.perClass.person!.lower);
  });

  it('uses the IoU threshold', () => {
    const loose = [shape('car', 3, 0), truth[1]!];
    expect(scoreSubmission(loose, truth, { iouThreshold: 0.5 }).agreesWith).toBe(true);
    expect(countByClass(scoreSubmission(loose, truth, { iouThreshold: 0.6 })).car).toEqual({ agreed: 0, disagreed: 2 });
  });
});
