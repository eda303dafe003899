import { describe, expect, it } from 'vitest';
import { FrameCache } from './frameCache';

describe('FrameCache', () => {
  it('keeps the most recently used frames and disposes the evicted ones', () => {
    const disposed: string[] = [];
    const cache = new FrameCache<string>(2, (v) => disposed.push(v));
    cache.set(1, 'a');
    cache.set(2, 'b');
    expect(cache.get(1)).toBe('a');
    cache.set(3, 'c');
    expect(disposed).toEqual(['b']);
    expect([cache.has(1), cache.has(2), cache.has(3)]).toEqual([true, false, true]);
    cache.clear();
    expect(disposed).toEqual(['b', 'a', 'c']);
    expect(cache.size).toBe(0);
  });

  it('refuses a capacity below one', () => {
    expect(() => new FrameCache(0)).toThrow(/at least 1/);
  });
});
