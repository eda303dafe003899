/** Rounds to a fixed number of decimals; never returns -0, which would print as "0" but compare oddly. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const r = Math.round(value * factor) / factor;
  return r === 0 ? 0 : r;
}

/** Pixel coordinates in every export and import are kept to 1/100 px. */
export function round2(value: number): number {
  return roundTo(value, 2);
}

/**
 * Normalised (YOLO) and percent (Label Studio) coordinates keep 6 decimals:
 * 0.5e-6 of a 10,000 px side is 0.005 px, below the 2-decimal pixel precision.
 */
export const RELATIVE_DECIMALS = 6;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Strict decimal parse: "", "12px", "0x10" and "NaN" are not numbers (Number() would accept some). */
export function parseNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (!NUMBER.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}
