import { describe, expect, it } from 'vitest';
import { agreesWith, compareWithFinal } from './agreesWith';
import { formConsensus } from './formConsensus';
import { shape } from './testKit';

const final = [shape('car', 0, 0), shape('person', 50, 50, 5, 20)];

describe('agreesWith (the reward rule)', () => {
  it('agrees when every final object is matched with the same class and nothing is extra', () => {
    expect(agreesWith([shape('person', 50, 51, 5, 20), shape('car', 1, 0)], final)).toBe(true);
    expect(agreesWith([], [])).toBe(true);
  });

  it('disagrees on a wrong class, a missed object, an extra object or a loose box', () => {
    expect(compareWithFinal([shape('truck', 0, 0), final[1]!], final)).toMatchObject({ agrees: false, matched: 1, missed: [final[0]], extra: [shape('truck', 0, 0)] });
    expect(compareWithFinal([final[0]!], final)).toMatchObject({ agrees: false, missed: [final[1]], extra: [] });
    expect(compareWithFinal([...final, shape('dog', 90, 90)], final)).toMatchObject({ agrees: false, missed: [], extra: [shape('dog', 90, 90)] });
    expect(agreesWith([shape('car', 5, 5), final[1]!], final)).toBe(false);
    expect(agreesWith([shape('car', 0, 0)], [])).toBe(false);
  });

  it('follows the IoU threshold', () => {
    const loose = [shape('car', 3, 0), final[1]!];
    expect(agreesWith(loose, final, 0.5)).toBe(true);
    expect(agreesWith(loose, final, 0.6)).toBe(false);
  });

  it('pays the majority and not the dissenter of a consensus', () => {
    const submissions = [
      { annotator: 'a', shapes: [shape('car', 0, 0)] },
      { annotator: 'b', shapes: [shape('car', 1, 1)] },
      { annotator: 'c', shapes: [shape('truck', 0, 0)] },
    ];
    const { labels } = formConsensus(submissions);
    expect(submissions.map((s) => agreesWith(s.shapes, labels))).toEqual([true, true, false]);
  });
});
