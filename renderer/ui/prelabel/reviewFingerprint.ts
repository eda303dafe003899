import type { PrelabelStats } from '../../../core/prelabel/statistics';

/**
 * What the auto-accept thresholds depend on, cheaply: the human verdicts per
 * model × class as the statistics counters hold them. Thresholds are chosen
 * from the review history, which means reading every shape of the project;
 * re-choosing them only when this changes keeps a box move (or any edit that
 * decides no pre-label) from costing a pass over the project.
 */
export function reviewFingerprint(stats: PrelabelStats): string {
  const parts: string[] = [];
  for (const [modelId, perClass] of stats.byModelClass) {
    for (const [classId, c] of perClass) parts.push(`${modelId}\u0000${classId}\u0000${c.accepted}/${c.corrected}/${c.rejected}`);
  }
  return parts.sort().join('\n');
}
