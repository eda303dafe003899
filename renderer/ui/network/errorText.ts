/** A host or store error as one line for the user (ServiceErrors carry their own wording). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A token amount in base units as a decimal with `decimals` places, trailing zeros trimmed. */
export function formatUnits(value: string, decimals: number | null): string {
  if (!decimals) return value;
  const digits = value.padStart(decimals + 1, '0');
  const whole = digits.slice(0, -decimals);
  const fraction = digits.slice(-decimals).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** "12.5" tokens → base units for `decimals`; null when the text is no non-negative decimal with at most `decimals` places. */
export function parseUnits(text: string, decimals: number | null): string | null {
  const match = /^\s*(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!match || (match[1] === '' && !match[2])) return null;
  const places = decimals ?? 0;
  const fraction = match[2] ?? '';
  if (fraction.length > places) return null;
  const units = BigInt(`${match[1] || '0'}${fraction.padEnd(places, '0')}`);
  return units.toString();
}
