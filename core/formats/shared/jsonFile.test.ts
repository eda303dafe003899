import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_PROBLEMS, ProblemCollector } from '../formatError';
import { formatErrorOf } from './formatErrorOf';
import { MAX_JSON_DEPTH, parseJsonFile, parseJsonStructure, validateEach } from './jsonFile';

const parse = (content: string) => parseJsonFile({ path: 'a.json', content });

describe('parseJsonFile', () => {
  it('names the line of a syntax error', () => {
    expect(formatErrorOf(() => parse('{\n"a": 1,\n"b": }\n')).location).toBe('line 3');
  });

  it('reports 100,000 unclosed brackets at their end, not as a stack overflow', () => {
    const e = formatErrorOf(() => parse('[\n'.repeat(100_000)));
    expect(e.location).toBe('line 100001');
    expect(e.message.length).toBeLessThanOrEqual(400);
  });

  it('finds a bad value after 100,000 levels of nesting', () => {
    const e = formatErrorOf(() => parse(`${'['.repeat(100_000)}\ntru${']'.repeat(100_000)}`));
    expect(e.location).toBe('line 2');
  });

  it('refuses valid JSON nested deeper than any format, at the line it gets too deep', () => {
    const depth = MAX_JSON_DEPTH + 1;
    const e = formatErrorOf(() => parse(`{"a":\n${'['.repeat(depth)}${']'.repeat(depth)}}`));
    expect(e.location).toBe('line 2');
    expect(e.reason).toMatch(/nested more than/);
  });

  it('does not count brackets inside strings (escaped quotes included) as nesting', () => {
    const deepText = '['.repeat(MAX_JSON_DEPTH + 5);
    expect(parse(JSON.stringify({ a: deepText, b: `"${deepText}\\`, c: [[1]] }))).toEqual({ a: deepText, b: `"${deepText}\\`, c: [[1]] });
  });
});

const Point = z.object({ x: z.number(), y: z.number() });

describe('parseJsonStructure', () => {
  it('returns the schema output and places the first problem after basePath', () => {
    expect(parseJsonStructure('a.json', Point, { x: 1, y: 2, extra: 3 })).toEqual({ x: 1, y: 2 });
    const e = formatErrorOf(() => parseJsonStructure('a.json', z.array(Point), [{ x: 1, y: 2 }, { x: 'no', y: 'no' }], 'shapes'));
    expect(e.location).toBe('shapes[1].x');
    expect(e.problemCount).toBe(1);
  });

  it('stops at the first problem of 300,000 wrong values', () => {
    const values = Array.from({ length: 300_000 }, () => ({ x: 'a', y: 'b' }));
    expect(formatErrorOf(() => parseJsonStructure('a.json', z.object({ points: z.array(Point) }), { points: values })).location).toBe('points[0].x');
  });
});

describe('validateEach', () => {
  it('returns every element when all are valid', () => {
    const problems = new ProblemCollector('a.json');
    expect(validateEach('a.json', Point, [{ x: 1, y: 2, z: 0 }, { x: 3, y: 4 }], 'points', problems)).toEqual([
      { x: 1, y: 2 },
      { x: 3, y: 4 },
    ]);
    expect(problems.count).toBe(0);
  });

  it('lists MAX_PROBLEMS bad elements at their paths and counts the rest', () => {
    const problems = new ProblemCollector('a.json');
    const values = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? { x: 1, y: 'b' } : { x: 1, y: 2 }));
    expect(validateEach('a.json', Point, values, 'points', problems)).toEqual([]);
    const e = formatErrorOf(() => problems.throwIfAny());
    expect(e.problems).toHaveLength(MAX_PROBLEMS);
    expect(e.problems[0]).toEqual({ location: 'points[1].y', reason: expect.stringMatching(/expected number/) });
    expect(e.problemCount).toBe(50_000);
  });

  it('joins paths without a base, and refuses a value that is not a list', () => {
    const problems = new ProblemCollector('a.json');
    validateEach('a.json', z.array(z.number()), [[1], [2, 'x']], '', problems);
    expect(problems.count).toBe(1);
    expect(formatErrorOf(() => problems.throwIfAny()).location).toBe('[1][1]');
    expect(formatErrorOf(() => validateEach('a.json', Point, { x: 1 }, 'points', problems)).location).toBe('points');
  });
});
