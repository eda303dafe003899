import type { Item } from '../../../core/model/item';

/**
 * The item after (or before) the current one in the visible list. The
 * current item may have left the list (its status changed under a filter),
 * so position is found by `order`, not by index.
 */
export function neighbourItem<T extends Pick<Item, 'id' | 'order'>>(list: readonly T[], current: Pick<Item, 'order'> | null, step: 1 | -1): T | null {
  if (list.length === 0) return null;
  if (!current) return list[0] ?? null;
  if (step === 1) return list.find((i) => i.order > current.order) ?? null;
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.order < current.order) return list[i]!;
  return null;
}

/**
 * The next (or previous) item as the list shows it, which may not be plain
 * order ("most uncertain first"). Falls back to order when the current item
 * is no longer in the list.
 */
export function neighbourInList<T extends Pick<Item, 'id' | 'order'>>(list: readonly T[], current: Pick<Item, 'id' | 'order'> | null, step: 1 | -1): T | null {
  const at = current ? list.findIndex((i) => i.id === current.id) : -1;
  if (at < 0) return neighbourItem(list, current, step);
  return list[at + step] ?? null;
}
