import { useMemo, useState } from 'react';
import { orderByUncertainty } from '../../../core/prelabel/uncertainty';
import type { PrelabelRun } from '../../../core/prelabel/types';
import type { ItemSummary } from '../../store/labelStore';
import { useStoreQuery } from '../useStoreQuery';
import type { StatusFilter } from './ItemList';

export type QueueOrder = 'plain' | 'uncertain';

export interface ItemQueue {
  /** Every item of the project, in plain order. */
  all: ItemSummary[];
  /** What the list shows: filtered by status, in the chosen order. */
  visible: ItemSummary[];
  filter: StatusFilter;
  setFilter: (f: StatusFilter) => void;
  order: QueueOrder;
  setOrder: (o: QueueOrder) => void;
  /** Why the newest pre-label run failed on an item, by item id. */
  failures: ReadonlyMap<string, string>;
  /** Items picked with Ctrl/⌘+click, for pre-labeling a selection. */
  picked: ReadonlySet<string>;
  togglePicked: (itemId: string) => void;
  clearPicked: () => void;
}

/** The item list's data: status filter, "most uncertain first" ordering from the latest runs, failures and picks. */
export function useItemQueue(projectId: string): ItemQueue {
  const [filter, setFilter] = useState<StatusFilter>('all');
  const [order, setOrder] = useState<QueueOrder>('plain');
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const { data: all = [] } = useStoreQuery((s) => s.listItems(projectId), [projectId]);
  const { data: runs } = useStoreQuery((s) => s.prelabel.newestRunByItem(projectId), [projectId]);

  const visible = useMemo(() => {
    const shown = filter === 'all' ? all : all.filter((i) => i.status === filter);
    if (order === 'plain' || !runs) return shown;
    return orderByUncertainty(shown, (id) => uncertaintyOf(runs.get(id)));
  }, [all, filter, order, runs]);

  const failures = useMemo(() => {
    const out = new Map<string, string>();
    for (const [itemId, run] of runs ?? []) if (run.error !== undefined) out.set(itemId, run.error);
    return out;
  }, [runs]);

  const togglePicked = (itemId: string) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (!next.delete(itemId)) next.add(itemId);
      return next;
    });

  return { all, visible, filter, setFilter, order, setOrder, failures, picked, togglePicked, clearPicked: () => setPicked(new Set()) };
}

function uncertaintyOf(run: PrelabelRun | undefined): number | undefined {
  return run && run.error === undefined ? run.uncertainty : undefined;
}
