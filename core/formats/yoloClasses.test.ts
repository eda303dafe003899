import { describe, expect, it } from 'vitest';
import { formatErrorOf } from './shared/formatErrorOf';
import { readYoloClasses } from './yoloClasses';

const refusalOf = (dataYaml: string) => formatErrorOf(() => readYoloClasses([{ path: 'data.yaml', content: dataYaml }]));

describe('readYoloClasses: data.yaml the reader refuses', () => {
  it('refuses a billion-laughs alias bomb at its first alias', () => {
    const lines = ['path: x', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let k = 1; k <= 9; k++) lines.push(`a${k}: &a${k} [${Array(9).fill(`*a${k - 1}`).join(', ')}]`);
    lines.push('names: *a9');
    const e = refusalOf(lines.join('\n'));
    expect(e.location).toBe('line 3');
    expect(e.reason).toMatch(/alias bomb/);
  });

  it('names the line of a syntax error', () => {
    expect(refusalOf('path: x\nnames: [a, b\ntrain: :').location).toBe('line 3');
  });

  it('turns an alias to an unknown anchor into a FormatError at its line', () => {
    const e = refusalOf('path: x\nnames:\n  0: *nowhere\n');
    expect(e.location).toBe('line 3');
  });

  // Past ~20,000 levels the yaml package makes V8 abort the process (after an earlier syntax error had it compile its regexps).
  it.each([
    ['flow brackets', `path: x\nnames: ${'['.repeat(100_000)}`, 'line 2'],
    ['compact sequences', `path: x\nnames:\n  ${'- '.repeat(400_000)}x`, 'line 3'],
  ])('refuses %s nested far too deep before the yaml reader sees them', (_, text, line) => {
    const e = refusalOf(text);
    expect(e.location).toBe(line);
    expect(e.reason).toMatch(/nested more than/);
  });

  it('does not count brackets and dashes inside quoted names or comments as nesting', () => {
    const names = Array.from({ length: 600 }, (_, i) => `  ${i}: "[{- ${i}"  # [[[ - - -`).join('\n');
    expect(readYoloClasses([{ path: 'data.yaml', content: `names:\n${names}\n` }]).names.get(599)).toBe('[{- 599');
  });

  it('still reads names through an ordinary alias', () => {
    expect([...readYoloClasses([{ path: 'data.yaml', content: 'base: &n [cat, dog]\nnames: *n\n' }]).names.values()]).toEqual(['cat', 'dog']);
  });
});
