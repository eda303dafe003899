import { describe, expect, it } from 'vitest';
import { jsonSyntaxErrorOffset } from './jsonSyntax';

describe('jsonSyntaxErrorOffset', () => {
  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e3, 0, true, false, null, "x\\"\\u00e9\\n"], "b": {}} ',
    '"just a string"',
    '-0.5',
  ])('accepts valid JSON %s exactly when JSON.parse does', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonSyntaxErrorOffset(text)).toBe(-1);
  });

  it.each([
    ['{"a": }', 6],
    ['[1, 2,]', 6],
    ['{"a" 1}', 5],
    ['{a: 1}', 1],
    ['[01]', 2],
    ['[tru]', 4],
    ['{"a": "x', 8],
    ['[1] 2', 4],
    ['', 0],
    ['{"a": "\\q"}', 7],
    ['[1 2]', 3],
  ])('finds the first bad character of %s', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonSyntaxErrorOffset(text)).toBe(offset);
  });
});
