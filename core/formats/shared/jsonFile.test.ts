import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_PROBLEMS, ProblemCollector } from '../formatError';
import { formatErrorOf } from './formatErrorOf';
import { joinJsonPath, MAX_JSON_DEPTH, parseJsonFile, parseJsonStructure } from './jsonFile';

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

describe('joinJsonPath', () => {
  it('joins a base and a path with a dot, or directly before an index, and keeps either alone', () => {
    expect(joinJsonPath('annotations[4]', 'bbox[0]')).toBe('annotations[4].bbox[0]');
    expect(joinJsonPath('[1]', '[0]')).toBe('[1][0]');
    expect(joinJsonPath('', 'x')).toBe('x');
    expect(joinJsonPath('points[2]', '')).toBe('points[2]');
  });
});
