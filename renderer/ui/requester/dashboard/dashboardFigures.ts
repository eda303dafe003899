import { formatUnits } from '../../network/errorText';

/**
 * How the dashboard words its figures: amounts in the token's own units
 * (symbol and decimals as the host read them from the token contract), rates
 * as percentages, the ETA in words. Pure, so it is tested without a page.
 */

export interface TokenUnit {
  symbol: string | null;
  decimals: number | null;
}

/** Base units as the token's amount, "12.5 GWT"; without decimals (unknown token) the raw base units, named so. */
export function tokenAmount(value: string, unit: TokenUnit): string {
  if (unit.decimals === null) return `${value} base units`;
  return `${formatUnits(value, unit.decimals)}${unit.symbol ? ` ${unit.symbol}` : ''}`;
}

/**
 * An average such as the cost per accepted item: past four decimals the
 * digits are noise of an integer division, so it is rounded and marked "≈"
 * ("≈ 2.6667 GWT"). The exact wei stay in the figure's data-value.
 */
export function averageTokenAmount(value: string, unit: TokenUnit): string {
  const exact = tokenAmount(value, unit);
  if (unit.decimals === null || unit.decimals <= 4) return exact;
  const step = 10n ** BigInt(unit.decimals - 4);
  const rounded = ((BigInt(value) + step / 2n) / step) * step;
  return rounded === BigInt(value) ? exact : `≈ ${tokenAmount(rounded.toString(), unit)}`;
}

/**
 * Spend against the pool: "8 GWT committed of 24 GWT deposited", and once the
 * pool paid its rest back ", 32.1 GWT refunded". `deposited` is everything put
 * in (null: unknown); `refunded` null or "0" adds nothing.
 */
export function spendWords(committed: string, deposited: string | null, refunded: string | null, unit: TokenUnit): string {
  const of = deposited === null ? 'an unknown deposit' : `${tokenAmount(deposited, unit)} deposited`;
  const back = refunded !== null && BigInt(refunded) > 0n ? `, ${tokenAmount(refunded, unit)} refunded` : '';
  return `${tokenAmount(committed, unit)} committed of ${of}${back}`;
}

/** 0.8888… → "88.9 %"; null (nothing decided yet) → "—". */
export function percent(rate: number | null): string {
  if (rate === null) return '—';
  return `${(Math.round(rate * 1000) / 10).toString()} %`;
}

/** 0x1234567890abcdef… → "0x1234…cdef". */
export const shortAddress = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** The ETA in words: "done", "not enough data yet", or "about 3 h" from now. */
export function etaWords(eta: { done: boolean; estimatedCompletion: string | null }, now: number): string {
  if (eta.done) return 'done';
  if (eta.estimatedCompletion === null) return 'not enough data yet';
  const minutes = (new Date(eta.estimatedCompletion).getTime() - now) / 60_000;
  if (minutes < 1) return 'under a minute';
  if (minutes < 90) return `about ${Math.round(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 48) return `about ${Math.round(hours)} h`;
  return `about ${Math.round(hours / 24)} days`;
}

/** The pool fields its state is worded from (ChainPool's, as the host read them on chain). */
export interface PoolStateInput {
  closesAt: number | null;
  unallocated: string;
  refunded: string | null;
  refundedAt: number | null;
}

export type PoolState = 'open' | 'closing' | 'refunded' | 'closed';

/**
 * Where the pool is: open (no close requested); closing until the contract's
 * delay has passed (by this computer's clock: the chain's may differ a little);
 * refunded once the refund was paid; closed after the delay otherwise.
 */
export function poolState(pool: PoolStateInput, now: number): PoolState {
  if (pool.closesAt === null) return 'open';
  if (pool.refunded !== null && BigInt(pool.refunded) > 0n) return 'refunded';
  return now < pool.closesAt * 1000 ? 'closing' : 'closed';
}

/**
 * The pool's state in words: "open"; "closing, refund possible from <date>";
 * "refunded, <amount> returned on <date>"; "closed" (with what may still be
 * reclaimed, if anything). `date` words unix seconds (the page uses the
 * locale's; tests a fixed one).
 */
export function poolStateWords(pool: PoolStateInput, unit: TokenUnit, now: number, date: (unixSeconds: number) => string = (s) => new Date(s * 1000).toLocaleString()): string {
  const state = poolState(pool, now);
  if (state === 'open' || pool.closesAt === null) return 'open';
  if (state === 'refunded') return `refunded, ${tokenAmount(pool.refunded ?? '0', unit)} returned${pool.refundedAt === null ? '' : ` on ${date(pool.refundedAt)}`}`;
  if (state === 'closing') return `closing, refund possible from ${date(pool.closesAt)}`;
  if (BigInt(pool.unallocated) > 0n) return `closed, ${tokenAmount(pool.unallocated, unit)} may be reclaimed since ${date(pool.closesAt)}`;
  return 'closed';
}
