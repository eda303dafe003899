import type { SlashEvidenceThreshold } from '../config';

/** Slashable once either count of unused evidence REACHES its threshold (3 failed honeypots with the default 3). */
export function reachesThreshold(counts: { honeypotFailures: number; verdictsAgainst: number }, threshold: SlashEvidenceThreshold): boolean {
  return counts.honeypotFailures >= threshold.honeypotFailures || counts.verdictsAgainst >= threshold.verdictsAgainst;
}
