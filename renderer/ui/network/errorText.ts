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
