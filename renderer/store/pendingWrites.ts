import type { ItemStatus } from '../../core/model/item';
import type { HistoryRecord } from './records';

/**
 * What an open item still owes IndexedDB. Consecutive commits fold into one
 * batch: the buckets holding changed shape ids are written from the latest
 * in-memory state, history rows by seq (a later put or delete of the same seq wins).
 */
export interface PendingWrites {
  /** Ids put or removed since the last durable batch. */
  shapeIds: Set<string>;
  historyPuts: Map<number, HistoryRecord>;
  historyDeletes: Set<number>;
  status: ItemStatus | null;
  /** Video items: track and frame-tag ids put or removed, and whether the segments row changed; written from memory like shapes. */
  trackIds: Set<string>;
  frameTagIds: Set<string>;
  segments: boolean;
  /** Pre-label run records were added: the counters (ItemCounters) owe a write even without a shape change. */
  counters: boolean;
}

export function emptyPending(): PendingWrites {
  return { shapeIds: new Set(), historyPuts: new Map(), historyDeletes: new Set(), status: null, trackIds: new Set(), frameTagIds: new Set(), segments: false, counters: false };
}

export function hasVideoWrites(p: PendingWrites): boolean {
  return p.trackIds.size > 0 || p.frameTagIds.size > 0 || p.segments;
}

export function isPendingEmpty(p: PendingWrites): boolean {
  return p.shapeIds.size === 0 && p.historyPuts.size === 0 && p.historyDeletes.size === 0 && p.status === null && !hasVideoWrites(p) && !p.counters;
}

export function putHistory(p: PendingWrites, row: HistoryRecord): void {
  p.historyDeletes.delete(row.seq);
  p.historyPuts.set(row.seq, row);
}

export function deleteHistory(p: PendingWrites, seq: number): void {
  p.historyPuts.delete(seq);
  p.historyDeletes.add(seq);
}

/** A failed batch goes back in front of what arrived meanwhile; the newer writes still win. */
export function mergeFailedBatch(failed: PendingWrites, newer: PendingWrites): PendingWrites {
  const merged = emptyPending();
  merged.shapeIds = new Set([...failed.shapeIds, ...newer.shapeIds]);
  merged.status = newer.status ?? failed.status;
  merged.trackIds = new Set([...failed.trackIds, ...newer.trackIds]);
  merged.frameTagIds = new Set([...failed.frameTagIds, ...newer.frameTagIds]);
  merged.segments = failed.segments || newer.segments;
  merged.counters = failed.counters || newer.counters;
  for (const seq of failed.historyDeletes) deleteHistory(merged, seq);
  for (const row of failed.historyPuts.values()) putHistory(merged, row);
  for (const seq of newer.historyDeletes) deleteHistory(merged, seq);
  for (const row of newer.historyPuts.values()) putHistory(merged, row);
  return merged;
}
