import { describe, expect, it } from 'vitest';
import { createEta, formatRemaining } from './etaMessage';

describe('progress message with ETA', () => {
  it('rounds the remaining time for people', () => {
    expect(formatRemaining(0.2)).toBe('~1 s left');
    expect(formatRemaining(7.4)).toBe('~8 s left');
    expect(formatRemaining(179)).toBe('~3 min left');
    expect(formatRemaining(3600)).toBe('~1 h left');
    expect(formatRemaining(3900)).toBe('~1 h 5 min left');
  });

  it('estimates from the rate of this run only, so resumed items are not counted as instant', () => {
    let clock = 1000;
    const eta = createEta(50, 10, () => clock);
    expect(eta(10, 0)).toBe('10/50');
    clock += 2000; // 2 items in 2 s → 1 item/s, 38 left
    expect(eta(12, 0)).toBe('12/50 · ~38 s left');
    clock += 2000;
    expect(eta(14, 1)).toBe('14/50 · 1 failed · ~36 s left');
    expect(eta(50, 1)).toBe('50/50 · 1 failed');
  });
});
