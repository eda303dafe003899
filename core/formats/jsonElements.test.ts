import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_PROBLEMS, ProblemCollector } from './formatError';
import { validElements } from './jsonElements';
import { formatErrorOf } from './shared/formatErrorOf';

const Point = z.object({ x: z.number(), y: z.number() });

describe('validElements', () => {
  it('keeps the good elements with their index while listing the bad ones at their JSON paths', () => {
    const problems = new ProblemCollector('a.json');
    expect(validElements(problems, Point, [{ x: 1, y: 2, z: 0 }, { x: 1, y: 'b' }, { x: 3, y: 4 }], 'points')).toEqual([
      { index: 0, value: { x: 1, y: 2 } },
      { index: 2, value: { x: 3, y: 4 } },
    ]);
    expect(formatErrorOf(() => problems.throwIfAny()).problems).toEqual([{ location: 'points[1].y', reason: expect.stringMatching(/expected number/) }]);
  });

  it('joins paths without a base and for nested lists, and lists MAX_PROBLEMS bad elements, counting the rest', () => {
    const nested = new ProblemCollector('a.json');
    validElements(nested, z.array(z.number()), [[1], [2, 'x'], 'y'], '');
    expect(formatErrorOf(() => nested.throwIfAny()).problems.map((p) => p.location)).toEqual(['[1][1]', '[2]']);
    const many = new ProblemCollector('a.json');
    const values = Array.from({ length: 10_000 }, (_, i) => (i % 2 ? { x: 1, y: 'b' } : { x: 1, y: 2 }));
    expect(validElements(many, Point, values, 'points')).toHaveLength(5_000);
    const e = formatErrorOf(() => many.throwIfAny());
    expect(e.problems).toHaveLength(MAX_PROBLEMS);
    expect(e.problemCount).toBe(5_000);
  });
});
