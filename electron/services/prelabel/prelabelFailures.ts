import type { PrelabelFailure } from '../../common/services/jobsService';
import type { ResultLine } from '../jobs/resultsLog';

/**
 * The failed items of a prelabel job, in item order, from its results log
 * (the persisted record: a resumed job's earlier failures are in it too).
 * An item counts by its first line, as `tally` does.
 */
export function failuresOf(items: readonly { itemId: string; relPath: string }[], lines: readonly ResultLine[]): PrelabelFailure[] {
  const seen = new Set<number>();
  const failures: { item: number; failure: PrelabelFailure }[] = [];
  for (const line of lines) {
    if (seen.has(line.item)) continue;
    seen.add(line.item);
    const item = items[line.item];
    if (line.result.ok || !item) continue;
    failures.push({ item: line.item, failure: { itemId: item.itemId, relPath: item.relPath, error: line.result.error } });
  }
  return failures.sort((a, b) => a.item - b.item).map((f) => f.failure);
}
