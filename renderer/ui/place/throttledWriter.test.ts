import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttledWriter } from './throttledWriter';

describe('throttledWriter', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('writes only the newest value, at most once per interval', () => {
    const writes: number[] = [];
    const w = throttledWriter<number>(300, (v) => writes.push(v));
    for (let i = 1; i <= 50; i++) w.schedule(i);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(writes).toEqual([50]);
    w.schedule(51);
    vi.advanceTimersByTime(299);
    expect(writes).toEqual([50]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual([50, 51]);
  });

  it('flush writes the pending value at once; cancel drops it', () => {
    const writes: string[] = [];
    const w = throttledWriter<string>(300, (v) => writes.push(v));
    w.schedule('a');
    w.flush();
    w.flush();
    expect(writes).toEqual(['a']);
    w.schedule('b');
    w.cancel();
    vi.advanceTimersByTime(1000);
    expect(writes).toEqual(['a']);
  });
});
