import { useEffect, useState } from 'react';

/**
 * The value once it has stopped changing for `ms`: the auto-accept thresholds
 * read the whole project's review history, so they (and the statistics, a
 * counters row, re-queried with them) follow shapes after an edit settles,
 * not on every frame of a drag.
 */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
