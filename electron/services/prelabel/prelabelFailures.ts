import type { PrelabelFailure } from '../../common/services/jobsService';
import type { ResultLine } from '../jobs/resultsLog';

/**
 * The failed items of one prelabel job, listed in item order for its result.
 * Seeded from the results log a resumed job starts with (its earlier
 * failures count too), then fed as items fail, so the end of a long job does
 * not read its whole log again. An item counts by its first line, as `tally`
 * does.
 */
export function createFailureList(items: readonly { itemId: string; relPath: string }[], recorded: readonly ResultLine[] = []) {
  const byPosition = new Map<number, PrelabelFailure>();
  const seen = new Set<number>();
  const add = (position: number, error: string) => {
    const item = items[position];
    if (item && !byPosition.has(position)) byPosition.set(position, { itemId: item.itemId, relPath: item.relPath, error });
  };
  for (const line of recorded) {
    if (seen.has(line.item)) continue;
    seen.add(line.item);
    if (!line.result.ok) add(line.item, line.result.error);
  }
  return {
    add,
    list: (): PrelabelFailure[] => [...byPosition.entries()].sort(([a], [b]) => a - b).map(([, failure]) => failure),
  };
}
