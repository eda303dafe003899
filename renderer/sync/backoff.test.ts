import { describe, expect, it } from 'vitest';
import { retryDelay } from './backoff';

describe('retryDelay', () => {
  const policy = { baseMs: 1000, maxMs: 60_000 };
  it('doubles per attempt between half and all of the ceiling, and never exceeds the cap', () => {
    expect(retryDelay(1, policy, () => 0)).toBe(500);
    expect(retryDelay(1, policy, () => 0.999999)).toBe(1000);
    expect(retryDelay(3, policy, () => 0)).toBe(2000);
    expect(retryDelay(3, policy, () => 0.5)).toBe(3000);
    expect(retryDelay(50, policy, () => 0.999999)).toBe(60_000);
    expect(retryDelay(50, policy, () => 0)).toBe(30_000);
  });
  it('spreads retries of many clients (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelay(4, policy)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
