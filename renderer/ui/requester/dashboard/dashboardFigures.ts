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
