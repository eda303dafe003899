import { describe, expect, it } from 'vitest';
import { etaWords, percent, shortAddress, tokenAmount } from './dashboardFigures';

describe('dashboard figures', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  const at = (ms: number) => new Date(now + ms).toISOString();

  it('words the ETA', () => {
    expect(etaWords({ done: true, estimatedCompletion: null }, now)).toBe('done');
    expect(etaWords({ done: false, estimatedCompletion: null }, now)).toBe('not enough data yet');
    expect(etaWords({ done: false, estimatedCompletion: at(20_000) }, now)).toBe('under a minute');
    expect(etaWords({ done: false, estimatedCompletion: at(25 * 60_000) }, now)).toBe('about 25 min');
    expect(etaWords({ done: false, estimatedCompletion: at(3 * 3600_000 + 10 * 60_000) }, now)).toBe('about 3 h');
    expect(etaWords({ done: false, estimatedCompletion: at(5 * 24 * 3600_000) }, now)).toBe('about 5 days');
  });

  it("gives amounts in the token's decimals, and says so when they are unknown", () => {
    expect(tokenAmount('12500000000000000000', { symbol: 'GWT', decimals: 18 })).toBe('12.5 GWT');
    expect(tokenAmount('1234', { symbol: 'USDC', decimals: 6 })).toBe('0.001234 USDC');
    expect(tokenAmount('7', { symbol: null, decimals: 0 })).toBe('7');
    expect(tokenAmount('1000', { symbol: 'X', decimals: null })).toBe('1000 base units');
  });

  it('rounds rates to a tenth of a percent and shortens addresses', () => {
    expect(percent(8 / 9)).toBe('88.9 %');
    expect(percent(1)).toBe('100 %');
    expect(percent(null)).toBe('—');
    expect(shortAddress('0x70997970C51812dc3A010C7d01b50e0d17dc79C8')).toBe('0x7099…79C8');
  });
});
