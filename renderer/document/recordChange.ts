// Generic over id-keyed records so shapes, tracks, frame tags and shots share one undo model.
import type { RecordChange } from '../../core/model/documentDiff';
export type { RecordChange } from '../../core/model/documentDiff';

/** Reads the current record of an id (a RecordTable, or a Map). */
export interface RecordsById<T> {
  get(id: string): T | undefined;
}

/** The change that takes `after` back to `before` for the records `change` touches (looks up only those). */
export function invertChange<T extends { id: string }>(before: RecordsById<T>, change: RecordChange<T>): RecordChange<T> {
  const put: T[] = [];
  const remove: string[] = [];
  const touched = new Set<string>();
  for (const s of change.put) {
    touched.add(s.id);
    const old = before.get(s.id);
    if (old) put.push(old);
    else remove.push(s.id);
  }
  for (const id of change.remove) {
    if (touched.has(id)) continue;
    const old = before.get(id);
    if (old) put.push(old);
  }
  return { put, remove };
}

/**
 * Undo and redo are edits too: restored records that carry a `version` (shapes,
 * tracks) get a fresh version and time, so sync and merges never mistake an
 * undone state for a stale write. Records without one are left as they are.
 */
export function restampChange<T extends { id: string }>(change: RecordChange<T>, current: RecordsById<T>, now: number): RecordChange<T> {
  return {
    put: change.put.map((s) => {
      const version = (s as { version?: unknown }).version;
      if (typeof version !== 'number') return s;
      const was = (current.get(s.id) as { version?: number } | undefined)?.version ?? 0;
      return { ...s, version: Math.max(version, was) + 1, updatedAt: now };
    }),
    remove: change.remove,
  };
}
