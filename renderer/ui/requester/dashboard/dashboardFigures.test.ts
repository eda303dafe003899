import { describe, expect, it } from 'vitest';
import { averageTokenAmount, etaWords, percent, poolState, poolStateWords, shortAddress, spendWords, tokenAmount } from './dashboardFigures';

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
    // An average: 8 GWT over 3 items is rounded to four decimals and marked; an exact one is not.
    expect(averageTokenAmount(((8n * 10n ** 18n) / 3n).toString(), { symbol: 'GWT', decimals: 18 })).toBe('≈ 2.6667 GWT');
    expect(averageTokenAmount('2500000000000000000', { symbol: 'GWT', decimals: 18 })).toBe('2.5 GWT');
    expect(averageTokenAmount('1234567', { symbol: 'USDC', decimals: 6 })).toBe('≈ 1.2346 USDC');
    expect(averageTokenAmount('1234', { symbol: 'X', decimals: 2 })).toBe('12.34 X');
    expect(tokenAmount('7', { symbol: null, decimals: 0 })).toBe('7');
    expect(tokenAmount('1000', { symbol: 'X', decimals: null })).toBe('1000 base units');
  });

  it('rounds rates to a tenth of a percent and shortens addresses', () => {
    expect(percent(8 / 9)).toBe('88.9 %');
    expect(percent(1)).toBe('100 %');
    expect(percent(null)).toBe('—');
    expect(shortAddress('0x70997970C51812dc3A010C7d01b50e0d17dc79C8')).toBe('0x7099…79C8');
  });

  const GWT = { symbol: 'GWT', decimals: 18 };
  const gwt = (n: string) => (BigInt(Math.round(Number(n) * 10)) * 10n ** 17n).toString();

  it('words spend against everything deposited, and the refund once paid', () => {
    expect(spendWords(gwt('8'), gwt('24'), '0', GWT)).toBe('8 GWT committed of 24 GWT deposited');
    expect(spendWords(gwt('8'), gwt('24'), null, GWT)).toBe('8 GWT committed of 24 GWT deposited');
    expect(spendWords(gwt('67.9'), gwt('100'), gwt('32.1'), GWT)).toBe('67.9 GWT committed of 100 GWT deposited, 32.1 GWT refunded');
    expect(spendWords('0', null, null, GWT)).toBe('0 GWT committed of an unknown deposit');
  });

  it('words the pool: open, closing, refunded, closed', () => {
    const date = (s: number) => new Date(s * 1000).toISOString();
    const closesAt = now / 1000 + 3600;
    const open = { closesAt: null, unallocated: gwt('16'), refunded: '0', refundedAt: null };
    expect(poolState(open, now)).toBe('open');
    expect(poolStateWords(open, GWT, now, date)).toBe('open');

    const closing = { ...open, closesAt };
    expect(poolState(closing, now)).toBe('closing');
    expect(poolStateWords(closing, GWT, now, date)).toBe('closing, refund possible from 2026-01-01T13:00:00.000Z');

    const later = now + 2 * 3600_000;
    expect(poolState(closing, later)).toBe('closed');
    expect(poolStateWords(closing, GWT, later, date)).toBe('closed, 16 GWT may be reclaimed since 2026-01-01T13:00:00.000Z');
    // Everything allocated: nothing to reclaim, and the contract has no refund to pay.
    expect(poolStateWords({ ...closing, unallocated: '0' }, GWT, later, date)).toBe('closed');

    const refunded = { closesAt, unallocated: '0', refunded: gwt('32.1'), refundedAt: closesAt + 60 };
    expect(poolState(refunded, later)).toBe('refunded');
    expect(poolStateWords(refunded, GWT, later, date)).toBe('refunded, 32.1 GWT returned on 2026-01-01T13:01:00.000Z');
    // Paid even by a chain whose clock ran ahead of this computer's (anvil's evm_increaseTime).
    expect(poolStateWords(refunded, GWT, now, date)).toBe('refunded, 32.1 GWT returned on 2026-01-01T13:01:00.000Z');
    // Refunds unreadable (an RPC refusing log queries): the state still follows the clock.
    expect(poolState({ ...closing, refunded: null }, later)).toBe('closed');
  });
});
