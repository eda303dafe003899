import { describe, expect, it } from 'vitest';
import { formatDuration, remainingMs } from './eta';

describe('job ETA', () => {
  it('extrapolates from the progress seen since the first sample', () => {
    // 20 items in 10 s since we started watching (80 already done before a resume), 100 left.
    expect(remainingMs({ at: 0, done: 80 }, { at: 10_000, done: 100 }, 200)).toBe(50_000);
  });

  it('has no estimate before progress is seen', () => {
    expect(remainingMs({ at: 0, done: 5 }, { at: 1000, done: 5 }, 10)).toBeNull();
    expect(remainingMs({ at: 0, done: 0 }, { at: 0, done: 0 }, 10)).toBeNull();
  });

  it('formats durations for people', () => {
    expect(formatDuration(44_600)).toBe('45 s');
    expect(formatDuration(3 * 60_000)).toBe('3 min');
    expect(formatDuration(80 * 60_000)).toBe('1 h 20 min');
  });
});
