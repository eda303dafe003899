import { useEffect, useState } from 'react';

/**
 * The value once it has stopped changing for `ms`: statistics and thresholds
 * read the whole project, so they follow shapes after an edit settles, not on
 * every frame of a drag.
 */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
