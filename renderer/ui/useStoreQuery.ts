import { useEffect, useState } from 'react';
import { useStore } from './StoreContext';
import type { LabelStore } from '../store/labelStore';

/**
 * Runs an async store query and runs it again after every store change, so
 * lists (projects, items, counts) stay current without manual refreshes.
 * Results of superseded runs are dropped.
 */
export function useStoreQuery<T>(query: (store: LabelStore) => Promise<T>, deps: readonly unknown[]): { data: T | undefined; error: unknown } {
  const store = useStore();
  const [state, setState] = useState<{ data: T | undefined; error: unknown }>({ data: undefined, error: null });
  useEffect(() => {
    let run = 0;
    const refresh = () => {
      const mine = ++run;
      query(store).then(
        (data) => mine === run && setState({ data, error: null }),
        (error: unknown) => mine === run && setState((s) => ({ data: s.data, error })),
      );
    };
    refresh();
    const unsubscribe = store.subscribe(refresh);
    return () => {
      run = -1;
      unsubscribe();
    };
    // The query closes over `deps`; re-running on store identity or deps is the contract.
  }, [store, ...deps]);
  return state;
}
