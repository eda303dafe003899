/**
 * What happens to one new prediction: `auto` — at or above its threshold,
 * accepted without a human; `audit` — at or above it but drawn (chance
 * `auditRate`) for a human to check, which keeps the estimate honest; null —
 * below it or no threshold: an ordinary pending pre-label.
 */
export function decideAutoAccept(score: number, threshold: number | null, auditRate: number, random: () => number): 'auto' | 'audit' | null {
  if (threshold === null || !(score >= threshold)) return null;
  return random() < auditRate ? 'audit' : 'auto';
}
