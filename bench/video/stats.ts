/** Nearest-rank percentile. */
export function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const ms = (v: number) => `${v.toFixed(1)} ms`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export { seededFrames } from '../../native/video/testSupport/seededFrames';

export interface Goal {
  name: string;
  measured: string;
  target: string;
  pass: boolean;
}

export function printGoals(goals: Goal[]): void {
  console.log('\nGoals');
  for (const g of goals) console.log(`  ${g.pass ? 'PASS' : 'MISS'}  ${g.name}: ${g.measured} (goal ${g.target})`);
}
